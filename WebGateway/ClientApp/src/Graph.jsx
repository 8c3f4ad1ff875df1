// The workflow graph the API draws from the Stateless machine, rendered by mermaid, with the
// current state highlighted and states and triggers shown by their titles, not their names.
import { useEffect, useId, useRef, useState } from "react";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { ProblemText } from "./ui.jsx";

// Mermaid text with titles: each state declared as `state "Title" as name`, each edge labelled
// with its trigger's title (the guards are in the next steps, in words).
function titled(text, names) {
  const clean = (s) => s.replace(/[":;#{}]/g, " ").trim();
  const states = new Set();
  const lines = text
    .trim()
    .split("\n")
    .map((line) => {
      const edge = /^(\s*)(\S+) --> (\S+) : (\S+)/.exec(line);
      if (!edge) return line;
      const [, indent, from, to, trigger] = edge;
      states.add(from);
      states.add(to);
      return `${indent}${from} --> ${to} : ${clean(names.trigger(trigger))}`;
    });
  const declared = [...states].filter((s) => s !== "[*]").map((s) => `\tstate "${clean(names.state(s))}" as ${s}`);
  return [lines[0], ...declared, ...lines.slice(1)].join("\n");
}

export default function Graph({ workflowId, version, current, names }) {
  const { t } = useI18n();
  const host = useRef(null);
  const id = useId().replace(/[^a-zA-Z0-9]/g, "");
  const [error, setError] = useState(null);
  useEffect(() => {
    // Drawn once the definition's titles are there, so a name never shows in their place.
    if (!names.key) return undefined;
    let live = true;
    (async () => {
      try {
        const text = await api.text(`/api/v1/workflows/${encodeURIComponent(workflowId)}/graph?format=mermaid${version ? `&version=${version}` : ""}`);
        const highlighted = `${titled(text, names)}\n\tclassDef current fill:#ffe08a,stroke:#7a4b00,stroke-width:3px,color:#1a1a1a\n\tclass ${current} current\n`;
        const { default: mermaid } = await import("mermaid");
        mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
        const { svg } = await mermaid.render(`graph${id}`, highlighted);
        if (live && host.current) host.current.innerHTML = svg;
      } catch (e) {
        if (live) setError(e);
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- names change with names.key
  }, [workflowId, version, current, id, names.key]);
  return (
    <figure className="graph">
      <div ref={host} role="img" aria-label={`${t("graph")}: ${names.state(current)}`} />
      <figcaption>{t("graphHint")}</figcaption>
      <ProblemText error={error} />
    </figure>
  );
}

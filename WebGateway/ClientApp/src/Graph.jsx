// The workflow graph the API draws from the Stateless machine, rendered by mermaid, with the
// current state highlighted and states and triggers shown by their titles, not their names.
import { useEffect, useId, useRef, useState } from "react";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { ProblemText } from "./ui.jsx";

// Mermaid text with titles: each state declared as `state "Title" as name`, each edge labelled
// with its trigger's title (the guards are in the next steps, in words). Null while a title is
// missing: the titles at hand are those of another definition (the page moved to a linked case
// of another workflow, and its graph or its titles have not arrived yet).
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
  const shown = [...states].filter((s) => s !== "[*]");
  if (shown.some((s) => clean(names.state(s)) === "")) return null;
  const declared = shown.map((s) => `\tstate "${clean(names.state(s))}" as ${s}`);
  return [lines[0], ...declared, ...lines.slice(1)].join("\n");
}

export default function Graph({ workflowId, version, current, names }) {
  const { t } = useI18n();
  const host = useRef(null);
  const id = useId().replace(/[^a-zA-Z0-9]/g, "");
  const [source, setSource] = useState(null);
  const [error, setError] = useState(null);
  // The graph's text and the renderer load while the definition's titles do.
  useEffect(() => {
    let live = true;
    Promise.all([
      api.text(`/api/v1/workflows/${encodeURIComponent(workflowId)}/graph?format=mermaid${version ? `&version=${version}` : ""}`),
      import("mermaid").then((m) => m.default),
    ]).then(
      ([text, mermaid]) => live && setSource({ text, mermaid }),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [workflowId, version]);
  // Drawn once the titles are there too, so a name never shows in their place.
  useEffect(() => {
    const text = source && names.key ? titled(source.text, names) : null;
    if (!text) return undefined;
    let live = true;
    (async () => {
      try {
        const highlighted = `${text}\n\tclassDef current fill:#ffe08a,stroke:#7a4b00,stroke-width:3px,color:#1a1a1a\n\tclass ${current} current\n`;
        source.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
        const { svg } = await source.mermaid.render(`graph${id}`, highlighted);
        if (live && host.current) {
          host.current.innerHTML = svg;
          setError(null);
        }
      } catch (e) {
        if (live) setError(e);
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- names change with names.key
  }, [source, current, id, names.key]);
  return (
    <figure className="graph">
      <div ref={host} role="img" aria-label={`${t("graph")}: ${names.state(current)}`} />
      <figcaption>{t("graphHint")}</figcaption>
      <ProblemText error={error} />
    </figure>
  );
}

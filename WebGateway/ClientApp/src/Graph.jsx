// The workflow graph the API draws from the Stateless machine, rendered by mermaid,
// with the current state highlighted.
import { useEffect, useId, useRef, useState } from "react";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { ProblemText } from "./ui.jsx";

export default function Graph({ workflowId, version, current }) {
  const { t } = useI18n();
  const host = useRef(null);
  const id = useId().replace(/[^a-zA-Z0-9]/g, "");
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const text = await api.text(`/api/v1/workflows/${encodeURIComponent(workflowId)}/graph?format=mermaid${version ? `&version=${version}` : ""}`);
        const highlighted = `${text.trim()}\n\tclassDef current fill:#ffe08a,stroke:#7a4b00,stroke-width:3px,color:#1a1a1a\n\tclass ${current} current\n`;
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
  }, [workflowId, version, current, id]);
  return (
    <figure className="graph">
      <div ref={host} role="img" aria-label={`${t("graph")}: ${current}`} />
      <figcaption>{t("graphHint")}</figcaption>
      <ProblemText error={error} />
    </figure>
  );
}

// Moves a task: the triggers the caller may fire now, with an optional note (required to decline).
import { useId, useState } from "react";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { AgencyOptions, ProblemText, useCommand } from "./ui.jsx";

// What an officer of the assigned agency may do from each state (the API decides; this only offers).
export const agentTriggers = {
  assigned: ["accept", "decline"],
  accepted: ["start", "complete", "decline"],
  in_progress: ["complete", "decline"],
};

export default function TaskActions({ caseId, task, triggers, agencies, onDone, compact }) {
  const { t } = useI18n();
  const id = useId();
  const [note, setNote] = useState("");
  const [agency, setAgency] = useState("");
  const { busy, error, run } = useCommand();
  if (!triggers?.length) return null;
  const fire = (trigger) =>
    run(async () => {
      const body = { trigger };
      if (note.trim()) body.note = note.trim();
      if (trigger === "reassign") body.agency = agency;
      await api.post(`/api/v1/cases/${caseId}/tasks/${task.id}/transitions`, body);
      setNote("");
      onDone?.(trigger);
    });
  return (
    <div className={compact ? "task-actions compact" : "task-actions"} data-testid={`actions-${task.id}`}>
      <label htmlFor={`${id}-note`}>{t("note")}</label>
      <textarea id={`${id}-note`} rows={compact ? 1 : 2} value={note} placeholder={t("notePlaceholder")} onChange={(e) => setNote(e.target.value)} />
      {triggers.includes("reassign") && agencies && (
        <>
          <label htmlFor={`${id}-agency`}>{t("reassignTo")}</label>
          <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
            <AgencyOptions agencies={agencies} />
          </select>
        </>
      )}
      <div className="buttons">
        {triggers.map((trigger) => (
          <button
            key={trigger}
            type="button"
            className={trigger === "decline" || trigger === "cancel" ? "danger" : ""}
            disabled={busy || (trigger === "decline" && !note.trim()) || (trigger === "reassign" && !agency)}
            onClick={() => fire(trigger)}
          >
            {t(`trigger.${trigger}`)}
          </button>
        ))}
      </div>
      <ProblemText error={error} />
    </div>
  );
}

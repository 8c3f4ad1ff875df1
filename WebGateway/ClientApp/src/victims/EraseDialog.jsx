// Erases an identity for good (coordinators): a warning, a required note, a confirmation.
import { useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { ProblemText, useCommand } from "../ui.jsx";
import Dialog from "./Dialog.jsx";

export default function EraseDialog({ caseId, code, perpetrator, onClose, onDone }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const { busy, error, run } = useCommand();
  const erase = async (e) => {
    e.preventDefault();
    const ok = await run(() => api.post(`/api/v1/cases/${caseId}/${perpetrator ? "perpetrators" : "victims"}/${code}/identity/erase`, { note: note.trim() }));
    if (ok) onDone();
  };
  return (
    <Dialog title={t("eraseIdentityOf", { code })} onClose={onClose} testId="erase-dialog">
      <form className="form" onSubmit={erase}>
        <p className="warning">{t("eraseWarning")}</p>
        <label>
          {t("eraseNote")}
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} required />
        </label>
        <ProblemText error={error} />
        <div className="buttons">
          <button type="submit" className="danger" disabled={busy || !note.trim()}>
            {t("eraseConfirm")}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

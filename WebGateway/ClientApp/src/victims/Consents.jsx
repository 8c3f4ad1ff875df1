// A victim's consent per purpose (the latest decision holds), and the form that records one.
import { useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { closeDisclosure, ProblemText, useCommand } from "../ui.jsx";
import { Choice } from "./fields.jsx";

function RecordConsent({ caseId, victim, values, onDone }) {
  const { t } = useI18n();
  const empty = { purpose: "", given: "true", recordedBy: "", legalRepresentative: "", note: "" };
  const [form, setForm] = useState(empty);
  const { busy, error, run } = useCommand();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    const element = e.currentTarget;
    const body = { purpose: form.purpose, given: form.given === "true" };
    if (form.recordedBy.trim()) body.recordedBy = form.recordedBy.trim();
    if (form.legalRepresentative.trim()) body.legalRepresentative = form.legalRepresentative.trim();
    if (form.note.trim()) body.note = form.note.trim();
    if (await run(() => api.post(`/api/v1/cases/${caseId}/victims/${victim.code}/consents`, body))) {
      setForm(empty);
      closeDisclosure(element);
      onDone(t("recordConsent"));
    }
  };
  return (
    <details className="subpanel">
      <summary>{t("recordConsent")}</summary>
      <form className="form" onSubmit={submit} aria-label={`${t("recordConsent")} · ${victim.code}`}>
        <Choice label={t("consentPurpose")} value={form.purpose} options={values.options("consentPurpose")} onChange={(v) => setForm({ ...form, purpose: v })} required />
        <fieldset>
          <legend>{t("consentDecision")}</legend>
          <label className="check">
            <input type="radio" name={`given-${victim.code}`} value="true" checked={form.given === "true"} onChange={set("given")} />
            {t("consentGive")}
          </label>
          <label className="check">
            <input type="radio" name={`given-${victim.code}`} value="false" checked={form.given === "false"} onChange={set("given")} />
            {t("consentWithdraw")}
          </label>
        </fieldset>
        {victim.isMinor && (
          <label>
            {t("legalRepresentativeRequired")}
            <input value={form.legalRepresentative} onChange={set("legalRepresentative")} required maxLength={200} />
          </label>
        )}
        <label>
          {t("recordedByHint")}
          <input value={form.recordedBy} onChange={set("recordedBy")} maxLength={200} />
        </label>
        <label>
          {t("note")}
          <textarea rows={2} value={form.note} onChange={set("note")} />
        </label>
        <ProblemText error={error} />
        <button type="submit" disabled={busy}>
          {t("recordConsent")}
        </button>
      </form>
    </details>
  );
}

export default function Consents({ caseId, victim, values, agencyName, canRecord, onDone }) {
  const { t, date } = useI18n();
  const byPurpose = Object.fromEntries(victim.consents.map((c) => [c.purpose, c]));
  return (
    <div className="consents">
      <div className="table-wrap">
        <table data-testid={`consents-${victim.code}`}>
          <caption>{`${t("consents")} · ${victim.code}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consentPurpose")}</th>
              <th scope="col">{t("consentDecision")}</th>
              <th scope="col">{t("consentRecordedAt")}</th>
              <th scope="col">{t("consentRecordedBy")}</th>
              {victim.isMinor && <th scope="col">{t("legalRepresentative")}</th>}
            </tr>
          </thead>
          <tbody>
            {values.options("consentPurpose").map((p) => {
              const c = byPurpose[p.code];
              return (
                <tr key={p.code}>
                  <th scope="row">{p.title}</th>
                  <td>{c ? <span className={`badge ${c.given ? "given" : "withdrawn"}`}>{t(c.given ? "consentGiven" : "consentWithdrawn")}</span> : t("consentNone")}</td>
                  <td>{c && <time dateTime={c.recordedAt}>{date(c.recordedAt)}</time>}</td>
                  <td>{c && `${c.recordedBy}${c.recordedByAgency ? ` (${agencyName(c.recordedByAgency)})` : ""}`}</td>
                  {victim.isMinor && <td>{c?.legalRepresentative}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canRecord && <RecordConsent caseId={caseId} victim={victim} values={values} onDone={onDone} />}
    </div>
  );
}

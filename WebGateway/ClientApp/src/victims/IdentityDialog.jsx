// Reads one identity through the audited route: asks for a reason, shows the identity in this
// dialog only — it lives in the dialog's own state and is gone when the dialog closes (never in
// the case data, the URL or the browser's storage). A coordinator may override a missing consent.
import { useState } from "react";
import { api, Problem } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { ProblemText, useCommand } from "../ui.jsx";
import Dialog from "./Dialog.jsx";

// The identity route's 403 says which condition failed (in English, naming consent purposes in
// quotes): the dialog says it in the user's language and offers the override when it applies.
function refusal(detail, t, values) {
  if (/has not given/.test(detail)) {
    const purposes = [...detail.matchAll(/'([a-z-]+)'/g)].map((m) => values.title("consentPurpose", m[1]));
    return { text: t("identityMissingConsent", { purposes: purposes.join(" · ") }), overridable: /override=true/.test(detail) };
  }
  if (/no open task/.test(detail)) return { text: t("identityNoTask") };
  if (/not entitled/.test(detail)) return { text: t("identityNotEntitled") };
  return { text: t("identityNotAllowed") };
}

export default function IdentityDialog({ caseId, code, perpetrator, canOverride, values, onClose, onRead }) {
  const { t, day } = useI18n();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const [refused, setRefused] = useState(null);
  const [identity, setIdentity] = useState(null);
  const { busy, error, run } = useCommand();
  const read = (e) => {
    e.preventDefault();
    setRefused(null);
    run(async () => {
      const q = new URLSearchParams({ reason: reason.trim() });
      if (override) q.set("override", "true");
      try {
        setIdentity(await api.get(`/api/v1/cases/${caseId}/${perpetrator ? "perpetrators" : "victims"}/${code}/identity?${q}`));
        onRead?.();
      } catch (err) {
        if (err instanceof Problem && err.status === 403) setRefused(refusal(err.body?.detail ?? "", t, values));
        else if (err instanceof Problem && err.status === 410) setRefused({ text: t("identityGone") });
        else throw err;
      }
    });
  };
  return (
    <Dialog title={t("showIdentityOf", { code })} onClose={onClose} testId="identity-dialog">
      {identity ? (
        <>
          <dl className="facts identity" data-testid="identity">
            <dt>{t("fullName")}</dt>
            <dd>{identity.fullName}</dd>
            <dt>{t("documentNumber")}</dt>
            <dd>{identity.documentNumber || t("none")}</dd>
            {!perpetrator && (
              <>
                <dt>{t("birthDate")}</dt>
                <dd>{identity.birthDate ? day(identity.birthDate) : t("none")}</dd>
              </>
            )}
          </dl>
          <p className="meta">{t("identityTransient")}</p>
          <div className="buttons">
            <button type="button" onClick={onClose} autoFocus>
              {t("close")}
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={read}>
          <label>
            {t("identityReason")}
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          </label>
          {refused && (
            <p className="problem" role="alert">
              {t("identityRefused")}: {refused.text}.
            </p>
          )}
          {canOverride && (override || refused?.overridable) && (
            <label className="check">
              <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
              {t("identityOverride")}
            </label>
          )}
          <ProblemText error={error} />
          <div className="buttons">
            <button type="submit" disabled={busy || !reason.trim()}>
              {t("showIdentity")}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

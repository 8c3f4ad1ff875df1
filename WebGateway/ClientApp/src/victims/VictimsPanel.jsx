// The victims of a case: their pseudonymous records, consents, identity actions and care tracks.
import { useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { closeDisclosure, Loader, ProblemText, useCommand } from "../ui.jsx";
import CarePanel from "./CarePanel.jsx";
import Consents from "./Consents.jsx";
import EraseDialog from "./EraseDialog.jsx";
import IdentityDialog from "./IdentityDialog.jsx";
import VictimFields, { newVictim, victimBody, victimDraft } from "./VictimForm.jsx";

/** Adds a victim (POST) or corrects one (PUT with If-Match: its version). */
function VictimEditor({ caseId, victim, values, stayCountries, onDone, onReload }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => (victim ? victimDraft(victim) : newVictim()));
  const { busy, error, run } = useCommand();
  const label = victim ? t("editRecord") : t("addVictim");
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = victimBody(draft);
    const ok = await run(() =>
      victim ? api.put(`/api/v1/cases/${caseId}/victims/${victim.code}`, body, victim.version) : api.post(`/api/v1/cases/${caseId}/victims`, body),
    );
    if (ok) {
      setDraft(victim ? { ...draft, identity: newVictim().identity } : newVictim());
      closeDisclosure(form);
      onDone(label);
    }
  };
  const identity = !victim ? "new" : victim.identityErased ? null : "replace";
  return (
    <form className="form wide-form" onSubmit={submit} aria-label={victim ? `${label} · ${victim.code}` : label}>
      <VictimFields value={draft} onChange={setDraft} values={values} identity={identity} stayCountries={stayCountries} />
      <ProblemText error={error} />
      {error?.status === 412 && (
        <button type="button" className="secondary" onClick={onReload}>
          {t("reload")}
        </button>
      )}
      <button type="submit" disabled={busy}>
        {victim ? t("save") : t("addVictim")}
      </button>
    </form>
  );
}

const caseCountries = (kase) => [kase.leadCountry, ...kase.partnerCountries];

function Fact({ label, children }) {
  if (children == null || children === "" || (Array.isArray(children) && children.length === 0)) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function VictimCard({ kase, victim, values, agencyName, canRecord, coordinator, onDone, onReload, onIdentityRead }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState(null);
  const f = (k) => t(`field.${k}`);
  const list = (field, codes) => (codes ?? []).map((c) => values.title(field, c)).join(", ");
  const v = victim;
  return (
    <li className="card victim" data-testid="victim" data-code={v.code}>
      <div className="card-head">
        <h3 className="code">{v.code}</h3>
        <span>
          <span className={`badge status-${v.identificationStatus}`}>{values.title("identificationStatus", v.identificationStatus)}</span>
          {v.isMinor && <span className="badge minor">{t("minor")}</span>}
          {v.unaccompanied && <span className="badge minor">{t("unaccompaniedBadge")}</span>}
          {v.hasIdentity && !v.identityErased && <span className="badge sealed">{t("hasIdentity")}</span>}
          {v.identityErased && <span className="badge erased">{t("identityErased")}</span>}
        </span>
      </div>
      <dl className="facts">
        <Fact label={f("ageGroup")}>{values.title("ageGroup", v.ageGroup)}</Fact>
        <Fact label={f("sex")}>{values.title("sex", v.sex)}</Fact>
        <Fact label={f("citizenship")}>{values.country(v.citizenship)}</Fact>
        <Fact label={f("countryOfExploitation")}>{values.country(v.countryOfExploitation)}</Fact>
        <Fact label={f("exploitation")}>{list("exploitation", v.exploitation)}</Fact>
        <Fact label={f("labourSector")}>{values.title("labourSector", v.labourSector)}</Fact>
        <Fact label={f("sexualExploitationType")}>{values.title("sexualExploitationType", v.sexualExploitationType)}</Fact>
        <Fact label={f("meansOfControl")}>{list("meansOfControl", v.meansOfControl)}</Fact>
        <Fact label={f("recruitmentMethod")}>{values.title("recruitmentMethod", v.recruitment?.method)}</Fact>
        <Fact label={f("recruitmentCountry")}>{values.country(v.recruitment?.country)}</Fact>
        <Fact label={f("relationshipToTrafficker")}>{values.title("relationshipToTrafficker", v.relationshipToTrafficker)}</Fact>
        <Fact label={f("languages")}>{list("language", v.languages)}</Fact>
        <Fact label={f("countryOfStay")}>{values.country(v.countryOfStay)}</Fact>
        <Fact label={f("seeksInternationalProtection")}>{v.seeksInternationalProtection ? t("yes") : null}</Fact>
        <Fact label={t("decidedBy")}>{v.identificationDecidedBy && agencyName(v.identificationDecidedBy)}</Fact>
      </dl>
      <CarePanel kase={kase} victim={v} values={values} agencyName={agencyName} onDone={onDone} />
      <Consents caseId={kase.id} victim={v} values={values} agencyName={agencyName} canRecord={canRecord} onDone={onDone} />
      <div className="buttons">
        {v.hasIdentity && !v.identityErased && (
          <button type="button" className="secondary" onClick={() => setDialog("show")}>
            {t("showIdentity")}
            <span className="visually-hidden"> · {v.code}</span>
          </button>
        )}
        {coordinator && v.hasIdentity && !v.identityErased && (
          <button type="button" className="danger" onClick={() => setDialog("erase")}>
            {t("eraseIdentity")}
            <span className="visually-hidden"> · {v.code}</span>
          </button>
        )}
      </div>
      {canRecord && (
        <details className="subpanel">
          <summary>{`${t("editRecord")} · ${v.code}`}</summary>
          <VictimEditor key={v.version} caseId={kase.id} victim={v} values={values} stayCountries={caseCountries(kase)} onDone={onDone} onReload={onReload} />
        </details>
      )}
      {dialog === "show" && (
        <IdentityDialog caseId={kase.id} code={v.code} canOverride={coordinator} values={values} onClose={() => setDialog(null)} onRead={onIdentityRead} />
      )}
      {dialog === "erase" && (
        <EraseDialog
          caseId={kase.id}
          code={v.code}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onDone(t("eraseIdentity"));
          }}
        />
      )}
    </li>
  );
}

export default function VictimsPanel({ kase, values, agencyName, canRecord, coordinator, onDone, onReload, onIdentityRead }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="victims">
      <h2 id="victims">{t("victims")}</h2>
      <p className="meta">{t("victimsHint")}</p>
      <Loader loading={!values.ready && !values.error} error={values.error}>
        {kase.victims.length === 0 && <p>{t("noVictims")}</p>}
        <ul className="cards">
          {kase.victims.map((v) => (
            <VictimCard
              key={v.code}
              kase={kase}
              victim={v}
              values={values}
              agencyName={agencyName}
              canRecord={canRecord}
              coordinator={coordinator}
              onDone={onDone}
              onReload={onReload}
              onIdentityRead={onIdentityRead}
            />
          ))}
        </ul>
        {canRecord && values.ready && (
          <details className="panel">
            <summary>{t("addVictim")}</summary>
            <VictimEditor caseId={kase.id} values={values} stayCountries={caseCountries(kase)} onDone={onDone} onReload={onReload} />
          </details>
        )}
      </Loader>
    </section>
  );
}

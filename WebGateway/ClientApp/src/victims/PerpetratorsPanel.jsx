// The alleged perpetrators of a case: role, procedural status, and an identity read like a victim's.
import { Fragment, useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { closeDisclosure, Loader, ProblemText, useCommand } from "../ui.jsx";
import EraseDialog from "./EraseDialog.jsx";
import { Choice, IdentityFields, identityBody, noIdentity } from "./fields.jsx";
import IdentityDialog from "./IdentityDialog.jsx";

const empty = { role: "", sex: "", citizenship: "", ageGroup: "", proceduralStatus: "", identity: noIdentity };

function draftOf(p) {
  return { role: p.role, sex: p.sex ?? "", citizenship: p.citizenship ?? "", ageGroup: p.ageGroup ?? "", proceduralStatus: p.proceduralStatus ?? "", identity: noIdentity };
}

function PerpetratorEditor({ caseId, perpetrator, values, onDone, onReload }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => (perpetrator ? draftOf(perpetrator) : empty));
  const { busy, error, run } = useCommand();
  const set = (k) => (v) => setDraft({ ...draft, [k]: v });
  const f = (k) => t(`field.${k}`);
  const label = perpetrator ? t("editRecord") : t("addPerpetrator");
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = {
      role: draft.role,
      sex: draft.sex || null,
      citizenship: draft.citizenship || null,
      ageGroup: draft.ageGroup || null,
      proceduralStatus: draft.proceduralStatus || null,
      identity: identityBody(draft.identity),
    };
    const path = `/api/v1/cases/${caseId}/perpetrators`;
    if (await run(() => (perpetrator ? api.put(`${path}/${perpetrator.code}`, body, perpetrator.version) : api.post(path, body)))) {
      setDraft(perpetrator ? { ...draft, identity: noIdentity } : empty);
      closeDisclosure(form);
      onDone(label);
    }
  };
  return (
    <form className="form wide-form" onSubmit={submit} aria-label={perpetrator ? `${label} · ${perpetrator.code}` : label}>
      <div className="grid2">
        <Choice label={f("role")} value={draft.role} options={values.options("perpetratorRole")} onChange={set("role")} required />
        <Choice label={f("proceduralStatus")} value={draft.proceduralStatus} options={values.options("proceduralStatus")} onChange={set("proceduralStatus")} />
        <Choice label={f("sex")} value={draft.sex} options={values.options("sex")} onChange={set("sex")} />
        <Choice label={f("citizenship")} value={draft.citizenship} options={values.countries} onChange={set("citizenship")} />
        <Choice label={f("ageGroup")} value={draft.ageGroup} options={values.options("ageGroup")} onChange={set("ageGroup")} />
      </div>
      {!perpetrator?.identityErased && (
        <IdentityFields legend={t(perpetrator ? "identityReplace" : "identityApart")} value={draft.identity} onChange={set("identity")} birthDate={false} />
      )}
      <ProblemText error={error} />
      {error?.status === 412 && (
        <button type="button" className="secondary" onClick={onReload}>
          {t("reload")}
        </button>
      )}
      <button type="submit" disabled={busy}>
        {perpetrator ? t("save") : t("addPerpetrator")}
      </button>
    </form>
  );
}

function PerpetratorCard({ kase, perpetrator: p, values, canRecord, coordinator, onDone, onReload, onIdentityRead }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState(null);
  const f = (k) => t(`field.${k}`);
  const facts = [
    [f("proceduralStatus"), values.title("proceduralStatus", p.proceduralStatus)],
    [f("sex"), values.title("sex", p.sex)],
    [f("citizenship"), values.country(p.citizenship)],
    [f("ageGroup"), values.title("ageGroup", p.ageGroup)],
  ].filter(([, v]) => v);
  return (
    <li className="card" data-testid="perpetrator" data-code={p.code}>
      <div className="card-head">
        <h3 className="code">{p.code}</h3>
        <span>
          <span className="badge">{values.title("perpetratorRole", p.role)}</span>
          {p.hasIdentity && !p.identityErased && <span className="badge sealed">{t("hasIdentity")}</span>}
          {p.identityErased && <span className="badge erased">{t("identityErased")}</span>}
        </span>
      </div>
      {facts.length > 0 && (
        <dl className="facts">
          {facts.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      <div className="buttons">
        {p.hasIdentity && !p.identityErased && (
          <button type="button" className="secondary" onClick={() => setDialog("show")}>
            {t("showIdentity")}
            <span className="visually-hidden"> · {p.code}</span>
          </button>
        )}
        {coordinator && p.hasIdentity && !p.identityErased && (
          <button type="button" className="danger" onClick={() => setDialog("erase")}>
            {t("eraseIdentity")}
            <span className="visually-hidden"> · {p.code}</span>
          </button>
        )}
      </div>
      {canRecord && (
        <details className="subpanel">
          <summary>{`${t("editRecord")} · ${p.code}`}</summary>
          <PerpetratorEditor key={p.version} caseId={kase.id} perpetrator={p} values={values} onDone={onDone} onReload={onReload} />
        </details>
      )}
      {dialog === "show" && <IdentityDialog caseId={kase.id} code={p.code} perpetrator values={values} onClose={() => setDialog(null)} onRead={onIdentityRead} />}
      {dialog === "erase" && (
        <EraseDialog
          caseId={kase.id}
          code={p.code}
          perpetrator
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

export default function PerpetratorsPanel({ kase, values, canRecord, coordinator, onDone, onReload, onIdentityRead }) {
  const { t } = useI18n();
  const perpetrators = kase.perpetrators ?? [];
  return (
    <section aria-labelledby="perpetrators">
      <h2 id="perpetrators">{t("perpetrators")}</h2>
      <Loader loading={!values.ready && !values.error} error={values.error}>
        {perpetrators.length === 0 && <p>{t("noPerpetrators")}</p>}
        <ul className="cards">
          {perpetrators.map((p) => (
            <PerpetratorCard
              key={p.code}
              kase={kase}
              perpetrator={p}
              values={values}
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
            <summary>{t("addPerpetrator")}</summary>
            <PerpetratorEditor caseId={kase.id} values={values} onDone={onDone} onReload={onReload} />
          </details>
        )}
      </Loader>
    </section>
  );
}

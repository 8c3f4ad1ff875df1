import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../api.js";
import { titles, useDefinition } from "../definitions.js";
import { useI18n } from "../i18n.jsx";
import { useSession } from "../session.jsx";
import { Loader, PageTitle, ProblemText, useData } from "../ui.jsx";
import { useVictimValues } from "../victims/values.js";

// Who has verified the activity for each country, and which countries' secretariats are awaited.
function Verifications({ action }) {
  const { t, date } = useI18n();
  const values = useVictimValues();
  const verifications = action.verifications ?? [];
  const awaited = action.awaitingVerification ?? [];
  if (verifications.length === 0 && awaited.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="verifications" data-testid="verifications">
      <h2 id="verifications">{t("verification")}</h2>
      <ul>
        {verifications.map((v) => (
          <li key={v.country}>
            {t("verifiedFor")} {values.country(v.country)}: {v.userName || v.user}
            {v.agency ? ` (${v.agency})` : ""} · <time dateTime={v.at}>{date(v.at)}</time>
          </li>
        ))}
        {awaited.map((c) => (
          <li key={c} className="why">
            {t("awaitingVerification")} {values.country(c)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportForm({ action, onDone }) {
  const { t } = useI18n();
  const [values, setValues] = useState({});
  const [percent, setPercent] = useState(action.percentComplete);
  const [note, setNote] = useState("");
  const [evidence, setEvidence] = useState("");
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const indicatorValues = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "").map(([k, v]) => [k, Number(v)]));
    try {
      await api.post(`/api/v1/roadmaps/${action.roadmapId}/actions/${action.id.split("/").pop()}/reports`, {
        indicatorValues,
        percentComplete: Number(percent),
        note,
        evidenceRef: evidence || null,
      });
      setNote("");
      setEvidence("");
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="report-form">
      <h2 id="report-form">{t("reportProgress")}</h2>
      {action.indicators.map((i) => (
        <label key={i.name}>
          {i.name} ({i.unit})
          <input type="number" step="any" value={values[i.name] ?? ""} onChange={(e) => setValues({ ...values, [i.name]: e.target.value })} />
        </label>
      ))}
      <label>
        {t("percentComplete")}
        <input type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(e.target.value)} required />
      </label>
      <label>
        {t("note")}
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} required />
      </label>
      <label>
        {t("evidence")}
        <input value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      </label>
      <ProblemText error={error} />
      <button type="submit">{t("send")}</button>
    </form>
  );
}

export default function ActionPage() {
  const { id, actionId } = useParams();
  const { t, day, date, number, pick } = useI18n();
  const { user, is } = useSession();
  const action = useData(() => api.get(`/api/v1/roadmaps/${id}/actions/${actionId}`), [id, actionId]);
  const definition = useDefinition("roadmap-action");
  const names = titles(definition.data, pick);
  const [error, setError] = useState(null);
  const a = action.data;
  const fire = (trigger) =>
    api.post(`/api/v1/roadmaps/${id}/actions/${actionId}/transitions`, { trigger }).then(() => {
      setError(null);
      action.reload();
    }, setError);
  const responsible = a && is("agent") && a.responsibleAgencies.includes(user.agency);
  return (
    <Loader loading={action.loading && !a} error={action.error}>
      {a && (
        <article>
          <p>
            <Link to={`/hojas-de-ruta/${id}`}>← {t("roadmaps")}</Link>
          </p>
          <PageTitle>{a.title}</PageTitle>
          <dl className="facts">
            <dt>{t("state")}</dt>
            <dd>
              <span className="badge current">{names.state(a.state)}</span>
              {a.overdue && <span className="badge overdue">{t("overdue")}</span>}
            </dd>
            <dt>{t("area")}</dt>
            <dd>{a.area}</dd>
            <dt>{t("period")}</dt>
            <dd>
              {day(a.startDate)} – {day(a.dueDate)}
            </dd>
            <dt>{t("responsible")}</dt>
            <dd>{a.responsibleAgencies.join(", ")}</dd>
            <dt>{t("progress")}</dt>
            <dd>
              <progress max={100} value={a.percentComplete} aria-label={t("progress")} /> {a.percentComplete} %
            </dd>
          </dl>
          {a.description && <p>{a.description}</p>}
          <h2>{t("indicators")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("indicators")}</th>
                  <th scope="col">{t("baseline")}</th>
                  <th scope="col">{t("target")}</th>
                  <th scope="col">{t("current")}</th>
                </tr>
              </thead>
              <tbody>
                {a.indicators.map((i) => (
                  <tr key={i.name}>
                    <th scope="row">
                      {i.name} ({i.unit})
                    </th>
                    <td>{number(i.baseline)}</td>
                    <td>{number(i.target)}</td>
                    <td>{number(i.current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Verifications action={a} />
          <h2>{t("nextSteps")}</h2>
          <ul className="steps">
            {a.triggers.map((s) => (
              <li key={s.trigger}>
                <button type="button" disabled={!s.permitted} onClick={() => fire(s.trigger)}>
                  {names.trigger(s.trigger)}
                </button>
                {!s.permitted && (
                  <span className="why">
                    {t("unavailable")}: {s.message}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <ProblemText error={error} />
          {responsible && <ReportForm action={a} onDone={action.reload} />}
          <h2>{t("reports")}</h2>
          {a.reports.length === 0 && <p>{t("empty")}</p>}
          <ol className="timeline">
            {a.reports.map((r, i) => (
              <li key={i}>
                <time dateTime={r.at}>{date(r.at)}</time> · {r.author}
                {r.agency ? ` (${r.agency})` : ""} · {r.percentComplete} %<p className="note">{r.note}</p>
              </li>
            ))}
          </ol>
        </article>
      )}
    </Loader>
  );
}

import { useState } from "react";
import { useParams } from "react-router-dom";
import { api } from "../api.js";
import { titles, useDefinition } from "../definitions.js";
import Graph from "../Graph.jsx";
import { useI18n } from "../i18n.jsx";
import { useSession } from "../session.jsx";
import TaskActions from "../TaskActions.jsx";
import { AgencyOptions, Loader, PageTitle, ProblemText, TaskBadges, useCommand, useData } from "../ui.jsx";

function NextSteps({ kase, names, onDone }) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const { busy, error, run } = useCommand();
  const fire = (trigger) =>
    run(async () => {
      await api.post(`/api/v1/cases/${kase.id}/transitions`, note.trim() ? { trigger, note: note.trim() } : { trigger });
      setNote("");
      onDone();
    });
  return (
    <section aria-labelledby="next-steps">
      <h2 id="next-steps">{t("nextSteps")}</h2>
      <ul className="steps">
        {kase.triggers.map((s) => (
          <li key={s.trigger} className={s.permitted ? "permitted" : "unavailable"}>
            <button type="button" disabled={!s.permitted || busy} onClick={() => fire(s.trigger)} aria-describedby={s.permitted ? undefined : `why-${s.trigger}`}>
              {names.trigger(s.trigger)}
            </button>
            {!s.permitted && (
              <span id={`why-${s.trigger}`} className="why">
                {t("unavailable")}: {s.message}
              </span>
            )}
          </li>
        ))}
      </ul>
      {kase.triggers.some((s) => s.permitted) && (
        <label className="wide">
          {t("note")}
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      )}
      <ProblemText error={error} />
    </section>
  );
}

function AssignTask({ kase, agencies, onDone }) {
  const { t } = useI18n();
  const tomorrow = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const [form, setForm] = useState({ title: "", description: "", agency: "", dueAt: tomorrow, priority: "normal" });
  const [error, setError] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/v1/cases/${kase.id}/tasks`, { ...form, description: form.description || null, dueAt: new Date(`${form.dueAt}T23:59:00`).toISOString() });
      setForm({ ...form, title: "", description: "" });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="panel">
      <summary>{t("assignTask")}</summary>
      <form className="form" onSubmit={submit} aria-label={t("assignTask")}>
        <label>
          {t("title")}
          <input value={form.title} onChange={set("title")} required maxLength={200} />
        </label>
        <label>
          {t("description")}
          <textarea value={form.description} onChange={set("description")} rows={2} />
        </label>
        <label>
          {t("agency")}
          <select value={form.agency} onChange={set("agency")} required>
            <AgencyOptions agencies={agencies} />
          </select>
        </label>
        <label>
          {t("dueAt")}
          <input type="date" value={form.dueAt} onChange={set("dueAt")} required />
        </label>
        <label>
          {t("priority")}
          <select value={form.priority} onChange={set("priority")}>
            {["low", "normal", "high", "urgent"].map((p) => (
              <option key={p} value={p}>
                {t(`prio.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <ProblemText error={error} />
        <button type="submit">{t("assignTask")}</button>
      </form>
    </details>
  );
}

function Timeline({ id, version }) {
  const { t, date } = useI18n();
  const data = useData(() => Promise.all([api.get(`/api/v1/cases/${id}/history`), api.get(`/api/v1/cases/${id}/history/verify`)]), [id, version]);
  const [events, verify] = data.data ?? [[], null];
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t("timeline")}</h2>
      <Loader loading={data.loading && !data.data} error={data.error}>
        {verify && (
          <p className={verify.valid ? "verified" : "problem"} data-testid="chain-status">
            {verify.valid ? t("verified", { n: verify.events }) : t("broken", { seq: verify.firstBrokenSeq })}
          </p>
        )}
        <ol className="timeline">
          {(Array.isArray(events) ? events : events.items ?? []).map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{date(e.at)}</time> · <strong>{t(`kind.${e.kind}`)}</strong>
              {e.trigger ? ` · ${e.trigger}` : ""}
              {e.from ? ` · ${e.from} → ${e.to}` : ""} · {e.actor}
              {e.agency ? ` (${e.agency})` : ""}
              {e.note && <p className="note">{e.note}</p>}
            </li>
          ))}
        </ol>
      </Loader>
    </section>
  );
}

export default function CasePage() {
  const { id } = useParams();
  const { t, date, pick } = useI18n();
  const { is } = useSession();
  const kase = useData(() => api.get(`/api/v1/cases/${id}`), [id]);
  const agencies = useData(() => api.get("/api/v1/agencies"), []);
  const definition = useDefinition(kase.data?.workflowId);
  const names = titles(definition.data, pick);
  const [status, setStatus] = useState("");
  const c = kase.data;
  const agencyName = (code) => agencies.data?.find((a) => a.code === code)?.name ?? code;
  const byAgency = c ? Object.entries(Object.groupBy(c.tasks, (task) => task.agency)) : [];
  const refresh = (what) => {
    setStatus(what ? `${what}: ${t("done")}` : t("done"));
    kase.reload();
  };
  return (
    <Loader loading={kase.loading && !c} error={kase.error}>
      {c && (
        <article className="case">
          <PageTitle>{`${c.reference} · ${c.title}`}</PageTitle>
          <p className="status" role="status">
            {status}
          </p>
          <dl className="facts">
            <dt>{t("state")}</dt>
            <dd>
              <span className="badge current" data-testid="case-state">
                {names.state(c.state)}
              </span>
            </dd>
            <dt>{t("workflow")}</dt>
            <dd>{pick(definition.data?.title) || c.workflowId}</dd>
            <dt>{t("leadCountry")}</dt>
            <dd>{c.leadCountry}</dd>
            {c.partnerCountries.length > 0 && (
              <>
                <dt>{t("partnerCountries")}</dt>
                <dd>{c.partnerCountries.join(", ")}</dd>
              </>
            )}
            {c.borderPoint && (
              <>
                <dt>{t("borderPoint")}</dt>
                <dd>{c.borderPoint}</dd>
              </>
            )}
            <dt>{t("updated")}</dt>
            <dd>
              <time dateTime={c.updatedAt}>{date(c.updatedAt)}</time>
            </dd>
          </dl>
          <p className="summary">{c.summary}</p>
          <NextSteps kase={c} names={names} onDone={() => refresh()} />
          <section aria-labelledby="tasks">
            <h2 id="tasks">{t("tasksByAgency")}</h2>
            {is("coordinator") && agencies.data && <AssignTask kase={c} agencies={agencies.data} onDone={() => refresh(t("assignTask"))} />}
            {byAgency.map(([agency, tasks]) => (
              <section key={agency} className="agency" aria-label={agencyName(agency)}>
                <h3>{agencyName(agency)}</h3>
                <ul className="cards">
                  {tasks.map((task) => (
                    <li key={task.id} className={`card${task.overdue ? " is-overdue" : ""}${task.escalated ? " is-escalated" : ""}`} data-testid="case-task">
                      <div className="card-head">
                        <strong className="task-title">{task.title}</strong>
                        <TaskBadges task={task} />
                      </div>
                      {task.description && <p>{task.description}</p>}
                      <p className="meta">
                        {t("due")}: <time dateTime={task.dueAt}>{date(task.dueAt)}</time> · {t("priority")}: {t(`prio.${task.priority}`)}
                      </p>
                      {task.notes?.length > 0 && (
                        <ul className="notes" aria-label={t("notesTitle")}>
                          {task.notes.map((n, i) => (
                            <li key={i}>
                              <time dateTime={n.at}>{date(n.at)}</time> · {n.author ?? n.actor}: {n.text}
                            </li>
                          ))}
                        </ul>
                      )}
                      <TaskActions caseId={c.id} task={task} triggers={task.permittedTriggers} agencies={agencies.data} onDone={(tr) => refresh(t(`trigger.${tr}`))} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
          <section aria-labelledby="graph">
            <h2 id="graph">{t("graph")}</h2>
            <Graph workflowId={c.workflowId} version={c.workflowVersion} current={c.state} />
          </section>
          <Timeline id={c.id} version={c.version} />
        </article>
      )}
    </Loader>
  );
}

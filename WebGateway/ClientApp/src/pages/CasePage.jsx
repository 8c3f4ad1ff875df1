import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../api.js";
import { useBorderPoints } from "../borderPoints.js";
import { useDeadlines } from "../deadlines.js";
import { titles, useDefinition } from "../definitions.js";
import Graph from "../Graph.jsx";
import { useI18n } from "../i18n.jsx";
import NextSteps, { resolutionTitle } from "../NextSteps.jsx";
import { useSession } from "../session.jsx";
import TaskActions from "../TaskActions.jsx";
import { AgencyOptions, Loader, PageTitle, ProblemText, TaskBadges, TaskFlags, useData } from "../ui.jsx";
import AccessLog from "../victims/AccessLog.jsx";
import PerpetratorsPanel from "../victims/PerpetratorsPanel.jsx";
import { useVictimValues } from "../victims/values.js";
import VictimsPanel from "../victims/VictimsPanel.jsx";

function AssignTask({ kase, agencies, onDone }) {
  const { t } = useI18n();
  const { endOfDay } = useDeadlines();
  const tomorrow = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const [form, setForm] = useState({ title: "", description: "", agency: "", dueAt: tomorrow, priority: "normal" });
  const [error, setError] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/v1/cases/${kase.id}/tasks`, { ...form, description: form.description || null, dueAt: endOfDay(form.dueAt, form.agency) });
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

// An audit event in words: its kind, and its trigger and states by their titles (a care track's
// by the care definition's).
function describe(e, names, careNames, values, t) {
  const task = e.kind === "task-transition" || e.kind === "task-created";
  const care = e.kind === "care-started" || e.kind === "care-transition";
  const trigger = !e.trigger
    ? null
    : care
      ? careNames.trigger(e.trigger)
      : e.kind === "transition" || e.kind === "lead-transferred" || e.kind === "case-linked"
        ? names.trigger(e.trigger)
        : e.kind === "task-transition"
          ? t(`trigger.${e.trigger}`)
          : e.kind === "consent-recorded"
            ? values.title("consentPurpose", e.trigger)
            : e.kind === "identity-read"
              ? t("override")
              : null;
  const state = (s) =>
    !s ? null
      : task ? t(`taskState.${s}`)
        : care ? careNames.state(s)
          : e.kind === "lead-transferred" ? values.country(s)
            : e.kind === "consent-recorded" ? t(s)
              : e.kind === "victim-added" || e.kind === "victim-updated" ? values.title("identificationStatus", s)
                : e.kind === "definition-upgraded" || e.kind === "transition" || e.kind === "case-opened" ? names.state(s)
                  : null;
  const from = state(e.from);
  const to = state(e.to);
  return [e.subject, trigger, from && to ? `${from} → ${to}` : to].filter(Boolean).join(" · ");
}

// The note of an event in the user's language: people's notes as written; what the system wrote
// (an assignment, a deadline, a version, a linked case) said again in words, without codes.
function EventNote({ e, careTitle, agencyName }) {
  const { t, date } = useI18n();
  const { due } = useDeadlines();
  const note = e.note;
  if (!note) return null;
  let text = note;
  if (e.kind === "task-created") {
    const at = note.indexOf(": ");
    text = at > 0 ? `${agencyName(note.slice(0, at))}: ${note.slice(at + 2)}` : note;
  } else if (e.kind === "task-escalated") {
    const late = /^(\S+): (acknowledgement|due date) (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC passed$/.exec(note);
    text = late ? t(late[2] === "acknowledgement" ? "escalatedAckNote" : "escalatedNote", { agency: agencyName(late[1]), date: due(`${late[3]}T${late[4]}:00Z`, late[1]) }) : null;
  } else if (e.kind === "assignment-unmatched") {
    const why = "(?:no agency of kind '[^']*' in \\S+|\\S+ is not a configured country)";
    const fallback = new RegExp(`^(.*): ${why}; assigned to (\\S+) \\(fallback\\)$`).exec(note);
    const nobody = new RegExp(`^(.*): ${why}, and no fallback agency is configured: nobody received the task$`).exec(note);
    text = fallback ? t("assignedByDefault", { task: fallback[1], agency: agencyName(fallback[2]) }) : nobody ? t("assignedToNobody", { task: nobody[1] }) : null;
  } else if (e.kind === "care-started") {
    text = careTitle || null;
  } else if (e.kind === "definition-upgraded") {
    const versions = /^(\d+) → (\d+)$/.exec(note);
    text = versions ? t("versionChange", { from: versions[1], to: versions[2] }) : null;
  } else if (e.kind === "data-upgraded") {
    text = null;
  } else if (e.kind === "case-linked") {
    return (
      <p className="note">
        <Link to={`/casos/${note}`}>{t("openLinkedCase")}</Link>
      </p>
    );
  }
  return text ? <p className="note">{text}</p> : null;
}

// Every event of a case's history, a page of the largest size at a time, each page after the
// last one read (a cursor costs the same however long the trail is).
async function wholeHistory(id) {
  const events = [];
  for (let after = null; ; ) {
    const answer = await api.get(`/api/v1/cases/${id}/history?pageSize=500${after ? `&after=${after}` : ""}`);
    events.push(...answer.items);
    if (!answer.next || answer.items.length === 0) return events;
    after = answer.next;
  }
}

// Verifying re-computes every hash of the trail on the server: done when asked, not on every view.
function ChainCheck({ id, version }) {
  const { t } = useI18n();
  const [state, setState] = useState({ busy: false, result: null, error: null });
  useEffect(() => setState({ busy: false, result: null, error: null }), [id, version]);
  const verify = async () => {
    setState({ busy: true, result: null, error: null });
    try {
      setState({ busy: false, result: await api.get(`/api/v1/cases/${id}/history/verify`), error: null });
    } catch (error) {
      setState({ busy: false, result: null, error });
    }
  };
  const { busy, result, error } = state;
  return (
    <div className="buttons chain-check">
      <button type="button" className="secondary" onClick={verify} disabled={busy}>
        {busy ? t("verifyingChain") : t("verifyChain")}
      </button>
      <div aria-live="polite">
        {result && (
          <p className={result.valid ? "verified" : "problem"} data-testid="chain-status">
            {result.valid ? t("verified", { n: result.events }) : t("broken", { seq: result.firstBrokenSeq })}
          </p>
        )}
        <ProblemText error={error} />
      </div>
    </div>
  );
}

function Timeline({ id, version, names, careNames, careTitle, values, agencyName }) {
  const { t, date } = useI18n();
  const data = useData(() => wholeHistory(id), [id, version]);
  const events = data.data ?? [];
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t("timeline")}</h2>
      <ChainCheck id={id} version={version} />
      <Loader loading={data.loading && !data.data} error={data.error}>
        <ol className="timeline">
          {events.map((e) => {
            const what = describe(e, names, careNames, values, t);
            return (
              <li key={e.seq}>
                <time dateTime={e.at}>{date(e.at)}</time> · <strong>{t(`kind.${e.kind}`)}</strong>
                {what ? ` · ${what}` : ""} · {e.actor}
                {e.agency ? ` (${agencyName(e.agency)})` : ""}
                {e.decisionRef && <p className="decision-ref">{t("decisionRefShown", { ref: e.decisionRef })}</p>}
                <EventNote e={e} careTitle={careTitle} agencyName={agencyName} />
              </li>
            );
          })}
        </ol>
      </Loader>
    </section>
  );
}

/** A case linked to this one (a reclassification), by its reference when the user may see it. */
function LinkedCase({ id }) {
  const { t } = useI18n();
  const linked = useData(() => api.get(`/api/v1/cases/${id}`).catch(() => null), [id]);
  if (linked.loading) return null;
  return (
    <span className="linked-case">
      {linked.data ? <Link to={`/casos/${id}`}>{`${linked.data.reference} · ${linked.data.title}`}</Link> : t("linkedCaseHidden")}
    </span>
  );
}

export default function CasePage() {
  const { id } = useParams();
  const { t, date, pick, lang } = useI18n();
  const { is } = useSession();
  // The server words next steps, refusals and care stages in the user's language: ask again when it changes.
  const kase = useData(() => api.get(`/api/v1/cases/${id}`), [id, lang]);
  const agencies = useData(() => api.get("/api/v1/agencies"), []);
  const { due } = useDeadlines();
  const definition = useDefinition(kase.data?.workflowId, kase.data?.workflowVersion);
  const care = kase.data?.victims.find((v) => v.care)?.care;
  const careDefinition = useDefinition(care?.workflowId, care?.workflowVersion);
  const values = useVictimValues();
  const borderPoints = useBorderPoints();
  const names = titles(definition.data, pick);
  const careNames = titles(careDefinition.data, pick);
  const [status, setStatus] = useState("");
  // Another case (a linked one, reached by its link): what was said of the last one goes.
  useEffect(() => setStatus(""), [id]);
  const [reads, setReads] = useState(0);
  const c = kase.data;
  const agencyName = (code) => agencies.data?.find((a) => a.code === code)?.name ?? code;
  const byAgency = c ? Object.entries(Object.groupBy(c.tasks, (task) => task.agency)) : [];
  const coordinator = is("coordinator");
  // The server says where the caller's agency stands: it acts with a task open or within the grace period after.
  const part = c?.participation;
  const canRecord = !!c && (coordinator || part?.stage === "active" || part?.stage === "grace");
  const refresh = (what) => {
    setStatus(what ? `${what}: ${t("done")}` : t("done"));
    kase.reload();
  };
  const identityRead = () => {
    setReads((n) => n + 1);
    kase.reload();
  };
  const resolution = c?.resolution && (definition.data?.resolutions ?? []).find((r) => (typeof r === "object" ? r.code : r) === c.resolution);
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
            {c.resolution && (
              <>
                <dt>{t("resolution")}</dt>
                <dd data-testid="case-resolution">{resolutionTitle(resolution ?? c.resolution, t, pick)}</dd>
              </>
            )}
            {c.closedAt && (
              <>
                <dt>{t("closedAt")}</dt>
                <dd>
                  <time dateTime={c.closedAt}>{date(c.closedAt)}</time>
                </dd>
              </>
            )}
            <dt>{t("workflow")}</dt>
            <dd>{pick(definition.data?.title)}</dd>
            <dt>{t("leadCountry")}</dt>
            <dd data-testid="lead-country">{values.country(c.leadCountry)}</dd>
            {c.partnerCountries.length > 0 && (
              <>
                <dt>{t("partnerCountries")}</dt>
                <dd>{c.partnerCountries.map(values.country).join(", ")}</dd>
              </>
            )}
            {c.borderPoint && (
              <>
                <dt>{t("borderPoint")}</dt>
                <dd>{borderPoints.name(c.borderPoint)}</dd>
              </>
            )}
            <dt>{t("victims")}</dt>
            <dd>{c.victims.length}</dd>
            {c.linkedCases?.length > 0 && (
              <>
                <dt>{t("linkedCases")}</dt>
                <dd data-testid="linked-cases">
                  {c.linkedCases.map((linked) => (
                    <LinkedCase key={linked} id={linked} />
                  ))}
                </dd>
              </>
            )}
            <dt>{t("updated")}</dt>
            <dd>
              <time dateTime={c.updatedAt}>{date(c.updatedAt)}</time>
            </dd>
          </dl>
          <p className="summary">{c.summary}</p>
          {part?.stage === "grace" && (
            <p className="muted" data-testid="participation">
              {t("participation.grace", { date: date(part.endsAt) })}
            </p>
          )}
          {part?.stage === "ended" && (
            <p className="withheld" data-testid="participation">
              {t("participation.ended", { date: date(part.endsAt) })}
            </p>
          )}
          <NextSteps key={c.id} kase={c} values={values} onDone={(what) => refresh(what)} />
          <VictimsPanel
            kase={c}
            values={values}
            agencyName={agencyName}
            canRecord={canRecord}
            coordinator={coordinator}
            onDone={refresh}
            onReload={() => kase.reload()}
            onIdentityRead={identityRead}
          />
          <PerpetratorsPanel
            kase={c}
            values={values}
            canRecord={canRecord}
            coordinator={coordinator}
            onDone={refresh}
            onReload={() => kase.reload()}
            onIdentityRead={identityRead}
          />
          {coordinator && <AccessLog caseId={c.id} stamp={reads} agencyName={agencyName} />}
          <section aria-labelledby="tasks">
            <h2 id="tasks">{t("tasksByAgency")}</h2>
            {coordinator && agencies.data && <AssignTask kase={c} agencies={agencies.data} onDone={() => refresh(t("assignTask"))} />}
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
                      <TaskFlags task={task} values={values} />
                      {task.description && <p>{task.description}</p>}
                      <p className="meta">
                        {t("due")}: <time dateTime={task.dueAt}>{due(task.dueAt, task.agency)}</time> · {t("priority")}: {t(`prio.${task.priority}`)}
                      </p>
                      {task.identityWithheld && (
                        <p className="withheld" data-testid="identity-withheld">
                          {t("identityWithheld")}
                        </p>
                      )}
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
            <Graph workflowId={c.workflowId} version={c.workflowVersion} current={c.state} names={names} />
          </section>
          <Timeline
            id={c.id}
            version={c.version}
            names={names}
            careNames={careNames}
            careTitle={pick(careDefinition.data?.title)}
            values={values}
            agencyName={agencyName}
          />
        </article>
      )}
    </Loader>
  );
}

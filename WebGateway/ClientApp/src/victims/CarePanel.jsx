// A victim's care track, apart from the criminal case: its stage, its next steps as the server
// computed them (closing asks for a closure reason from the careClosureReason list), how it
// closed, and the tasks that are this person's.
import { api } from "../api.js";
import { useDeadlines } from "../deadlines.js";
import { useI18n } from "../i18n.jsx";
import { Steps } from "../NextSteps.jsx";
import { TaskBadges, TaskFlags } from "../ui.jsx";

export default function CarePanel({ kase, victim, values, agencyName, onDone }) {
  const { t, date } = useI18n();
  const { due } = useDeadlines();
  const care = victim.care;
  const code = victim.code;
  const tasks = kase.tasks.filter((task) => task.victim === code);
  if (!care) return null;
  return (
    <section className="care" aria-labelledby={`care-${code}`} data-testid="care" data-code={code}>
      <h4 id={`care-${code}`}>{t("careOf", { code })}</h4>
      <dl className="facts">
        <dt>{t("careState")}</dt>
        <dd>
          <span className={`badge ${care.closedAt ? "closed" : "current"}`} data-testid="care-state">
            {care.stateTitle}
          </span>
        </dd>
        <dt>{t("careStarted")}</dt>
        <dd>
          <time dateTime={care.startedAt}>{date(care.startedAt)}</time>
        </dd>
        {care.closedAt && (
          <>
            <dt>{t("closedAt")}</dt>
            <dd>
              <time dateTime={care.closedAt}>{date(care.closedAt)}</time>
            </dd>
          </>
        )}
        {care.resolution && (
          <>
            <dt>{t("careClosedReason")}</dt>
            <dd data-testid="care-resolution">{values.title("careClosureReason", care.resolution)}</dd>
          </>
        )}
      </dl>
      <Steps
        steps={care.triggers ?? []}
        heading={t("careNextSteps")}
        headingId={`care-steps-${code}`}
        level={5}
        empty={t("careNoSteps")}
        scope={code}
        testId="care-steps"
        send={(body) => api.post(`/api/v1/cases/${kase.id}/victims/${code}/care/transitions`, body)}
        resolutionTitle={(reason) => values.title("careClosureReason", reason)}
        resolutionLabels={{ label: t("closureReason"), choose: t("chooseClosureReason") }}
        onDone={(title) => onDone(title)}
      />
      <h5>{t("careTasks", { code })}</h5>
      {tasks.length === 0 ? (
        <p className="meta">{t("careTasksNone")}</p>
      ) : (
        <ul className="care-tasks" data-testid="care-tasks">
          {tasks.map((task) => (
            <li key={task.id} data-testid="care-task">
              <span className="task-title">{task.title}</span> · {agencyName(task.agency)} · {t("due")}: <time dateTime={task.dueAt}>{due(task.dueAt, task.agency)}</time>{" "}
              <TaskBadges task={task} />
              <TaskFlags task={task} values={values} victim={false} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

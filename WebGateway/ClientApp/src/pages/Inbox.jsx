import { useState } from "react";
import { Link } from "react-router-dom";
import { api, query } from "../api.js";
import { useDeadlines } from "../deadlines.js";
import { useI18n } from "../i18n.jsx";
import TaskActions, { agentTriggers } from "../TaskActions.jsx";
import { CsvButton, Loader, PageTitle, Pager, TaskBadges, useData } from "../ui.jsx";

const states = ["assigned", "accepted", "in_progress", "declined", "completed", "cancelled"];

export default function Inbox() {
  const { t } = useI18n();
  const { due } = useDeadlines();
  const [filters, setFilters] = useState({ state: "", overdue: false });
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState("");
  const path = `/api/v1/inbox${query({ state: filters.state, overdue: filters.overdue ? "true" : "", page, pageSize: 25 })}`;
  const inbox = useData(() => api.get(path), [path]);
  const done = (trigger) => {
    setStatus(`${t(`trigger.${trigger}`)}: ${t("done")}`);
    inbox.reload();
  };
  return (
    <section>
      <PageTitle>{t("inbox")}</PageTitle>
      <form className="filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("state")}
          <select value={filters.state} onChange={(e) => (setPage(1), setFilters({ ...filters, state: e.target.value }))}>
            <option value="">{t("all")}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {t(`taskState.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => (setPage(1), setFilters({ ...filters, overdue: e.target.checked }))} />
          {t("overdueOnly")}
        </label>
        <CsvButton path={path} filename="bandeja.csv" />
      </form>
      <p className="status" role="status">
        {status}
      </p>
      <Loader loading={inbox.loading && !inbox.data} error={inbox.error}>
        {inbox.data?.items.length === 0 && <p>{t("empty")}</p>}
        <ul className="cards">
          {inbox.data?.items.map((item) => (
            <li key={item.id} className={`card${item.overdue ? " is-overdue" : ""}${item.escalated ? " is-escalated" : ""}`} data-testid="inbox-item">
              <div className="card-head">
                <Link to={`/casos/${item.caseId}`}>
                  {item.caseReference} · {item.caseTitle}
                </Link>
                <TaskBadges task={item} />
              </div>
              <p className="task-title">{item.title}</p>
              <p className="meta">
                {t("due")}: <time dateTime={item.dueAt}>{due(item.dueAt, item.agency)}</time> · {t("priority")}: {t(`prio.${item.priority}`)}
              </p>
              <TaskActions compact caseId={item.caseId} task={item} triggers={agentTriggers[item.state]} onDone={done} />
            </li>
          ))}
        </ul>
        {inbox.data && <Pager page={inbox.data.page} pageSize={inbox.data.pageSize} total={inbox.data.total} totalIsExact={inbox.data.totalIsExact} onPage={setPage} />}
      </Loader>
    </section>
  );
}

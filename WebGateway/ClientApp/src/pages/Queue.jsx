import { useState } from "react";
import { Link } from "react-router-dom";
import { api, query } from "../api.js";
import { useDeadlines } from "../deadlines.js";
import { useI18n } from "../i18n.jsx";
import { CsvButton, Loader, PageTitle, Pager, TaskBadges, useData } from "../ui.jsx";

export default function Queue() {
  const { t } = useI18n();
  const { due } = useDeadlines();
  const [page, setPage] = useState(1);
  const path = `/api/v1/queue${query({ page, pageSize: 25 })}`;
  const queue = useData(() => api.get(path), [path]);
  return (
    <section>
      <PageTitle>{t("queue")}</PageTitle>
      <p>{t("queueHint")}</p>
      <CsvButton path={path} filename="pendientes.csv" />
      <Loader loading={queue.loading && !queue.data} error={queue.error}>
        {queue.data?.items.length === 0 && <p>{t("empty")}</p>}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("queue")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case")}</th>
                <th scope="col">{t("task")}</th>
                <th scope="col">{t("agency")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("due")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data?.items.map((item) => (
                <tr key={item.id} className={item.overdue ? "is-overdue" : ""} data-testid="queue-item">
                  <td>
                    <Link to={`/casos/${item.caseId}`}>{item.caseReference}</Link>
                  </td>
                  <td>{item.title}</td>
                  <td>{item.agency}</td>
                  <td>
                    <TaskBadges task={item} />
                  </td>
                  <td>
                    <time dateTime={item.dueAt}>{due(item.dueAt, item.agency)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {queue.data && <Pager page={queue.data.page} pageSize={queue.data.pageSize} total={queue.data.total} totalIsExact={queue.data.totalIsExact} onPage={setPage} />}
      </Loader>
    </section>
  );
}

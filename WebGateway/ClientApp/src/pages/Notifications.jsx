import { useState } from "react";
import { Link } from "react-router-dom";
import { api, query } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { CsvButton, Loader, PageTitle, Pager, ProblemText, useData } from "../ui.jsx";

export default function Notifications() {
  const { t, date } = useI18n();
  const [unread, setUnread] = useState(true);
  const [page, setPage] = useState(1);
  const [error, setError] = useState(null);
  const path = `/api/v1/notifications${query({ unread: unread ? "true" : "", page, pageSize: 25 })}`;
  const list = useData(() => api.get(path), [path]);
  const link = (n) => (n.sourceKind === "case" ? `/casos/${n.sourceId}` : `/hojas-de-ruta/${n.sourceId.split("/")[0]}/acciones/${n.sourceId.split("/").pop()}`);
  const markRead = (n) => api.post(`/api/v1/notifications/${n.id}/read`).then(list.reload, setError);
  return (
    <section>
      <PageTitle>{t("notifications")}</PageTitle>
      <div className="filters">
        <label className="check">
          <input type="checkbox" checked={unread} onChange={(e) => (setPage(1), setUnread(e.target.checked))} />
          {t("unread")}
        </label>
        <CsvButton path={path} filename="notificaciones.csv" />
      </div>
      <ProblemText error={error} />
      <Loader loading={list.loading && !list.data} error={list.error}>
        {list.data?.items.length === 0 && <p>{t("empty")}</p>}
        <ul className="cards">
          {list.data?.items.map((n) => (
            <li key={n.id} className={`card${n.read ? "" : " is-escalated"}`}>
              <div className="card-head">
                <Link to={link(n)}>
                  {n.reference} · {n.title}
                </Link>
                <time dateTime={n.at}>{date(n.at)}</time>
              </div>
              <p>{n.detail}</p>
              {n.read ? (
                <span className="badge">{t("read")}</span>
              ) : (
                <button type="button" className="secondary" onClick={() => markRead(n)}>
                  {t("markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
        {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
      </Loader>
    </section>
  );
}

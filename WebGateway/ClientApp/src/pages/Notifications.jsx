import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, query } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { CsvButton, Loader, PageTitle, Pager, ProblemText, useCommand, useData } from "../ui.jsx";

const KINDS = ["task-escalated", "referral-unacknowledged", "task-assigned", "action-overdue"];

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
      <EmailSettings />
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
              <p>{t(`notificationKind.${n.kind}`)}</p>
              <Deliveries notification={n} />
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
        {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} totalIsExact={list.data.totalIsExact} onPage={setPage} />}
      </Loader>
    </section>
  );
}

// What became of a notification's e-mails and webhook calls: the counts, and each one on demand.
function Deliveries({ notification: n }) {
  const { t } = useI18n();
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const total = n.deliveriesSent + n.deliveriesPending + n.deliveriesFailed;
  if (total === 0) {
    return <p className="muted" data-testid="deliveries">{t("noDeliveries")}</p>;
  }
  const open = (e) => {
    if (e.currentTarget.open && items === null) {
      api.get(`/api/v1/notifications/${encodeURIComponent(n.id)}/deliveries`).then((d) => setItems(d.items), setError);
    }
  };
  return (
    <details onToggle={open} data-testid="deliveries">
      <summary>
        {t("deliveries")}: {t("deliveriesSummary", { sent: n.deliveriesSent, pending: n.deliveriesPending, failed: n.deliveriesFailed })}
      </summary>
      <ProblemText error={error} />
      {items && (
        <ul>
          {items.map((d) => (
            <li key={d.id} data-testid="delivery">
              {t(`deliveryChannel.${d.channel}`)} · {t(`deliveryRecipient.${d.recipientKind}`)} {d.recipient} · {t(`deliveryState.${d.state}`)} ·{" "}
              {t("deliveryAttempts", { n: d.attempts })}
              {d.lastError && ` · ${d.lastError}`}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

// The signed-in person's own e-mail notices: address, language, which kinds.
function EmailSettings() {
  const { t } = useI18n();
  const settings = useData(() => api.get("/api/v1/me/notification-settings"), []);
  const [form, setForm] = useState(null);
  const [saved, setSaved] = useState(false);
  const save = useCommand();
  useEffect(() => {
    if (settings.data) setForm({ email: settings.data.email ?? "", language: settings.data.language, kinds: settings.data.kinds });
  }, [settings.data]);
  const toggle = (kind, on) => setForm((f) => ({ ...f, kinds: on ? [...f.kinds, kind] : f.kinds.filter((k) => k !== kind) }));
  const submit = async (e) => {
    e.preventDefault();
    setSaved(false);
    const body = { email: form.email.trim() === "" ? null : form.email.trim(), language: form.language, kinds: KINDS.filter((k) => form.kinds.includes(k)) };
    if (await save.run(() => api.put("/api/v1/me/notification-settings", body))) {
      setSaved(true);
      settings.reload();
    }
  };
  return (
    <details className="panel" data-testid="email-settings">
      <summary>{t("emailSettings.title")}</summary>
      <Loader loading={settings.loading && !form} error={settings.error}>
        {form && (
          <form onSubmit={submit} noValidate>
            <p className="muted">{t("emailSettings.hint")}</p>
            <label>
              {t("emailSettings.email")}
              <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} placeholder="nombre@institucion.gob.pe" />
            </label>
            <label>
              {t("emailSettings.language")}
              <select value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
                <option value="es">Español</option>
                <option value="en">English</option>
              </select>
            </label>
            <fieldset>
              <legend>{t("emailSettings.kinds")}</legend>
              {KINDS.map((kind) => (
                <label key={kind} className="check">
                  <input type="checkbox" checked={form.kinds.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />
                  {t(`notificationKind.${kind}`)}
                </label>
              ))}
            </fieldset>
            <ProblemText error={save.error} />
            {settings.data && settings.data.email && !settings.data.receivesEmail && <p className="muted">{t("emailSettings.onlyCoordinators")}</p>}
            <button type="submit" disabled={save.busy}>
              {t("emailSettings.save")}
            </button>
            {saved && <span role="status"> {t("emailSettings.saved")}</span>}
          </form>
        )}
      </Loader>
    </details>
  );
}

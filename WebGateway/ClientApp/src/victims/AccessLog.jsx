// Who read which identity of the case, when and why (coordinators).
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { Loader, useData } from "../ui.jsx";

export default function AccessLog({ caseId, stamp, agencyName }) {
  const { t, date } = useI18n();
  const log = useData(() => api.get(`/api/v1/cases/${caseId}/identity-access`), [caseId, stamp]);
  const items = log.data?.items ?? [];
  return (
    <section aria-labelledby="access-log">
      <h2 id="access-log">{t("accessLog")}</h2>
      <Loader loading={log.loading && !log.data} error={log.error}>
        {items.length === 0 ? (
          <p>{t("accessLogEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="access-log">
              <caption className="visually-hidden">{t("accessLog")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("when")}</th>
                  <th scope="col">{t("accessUser")}</th>
                  <th scope="col">{t("agency")}</th>
                  <th scope="col">{t("accessPerson")}</th>
                  <th scope="col">{t("accessReason")}</th>
                  <th scope="col">{t("accessOverride")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a, i) => (
                  <tr key={i}>
                    <td>
                      <time dateTime={a.at}>{date(a.at)}</time>
                    </td>
                    <td>{a.user}</td>
                    <td>{a.agency ? agencyName(a.agency) : ""}</td>
                    <td>{a.victim}</td>
                    <td>{a.reason}</td>
                    <td>{a.override ? <span className="badge overdue">{t("yes")}</span> : t("no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loader>
    </section>
  );
}

import { Link, useParams } from "react-router-dom";
import { api } from "../api.js";
import { titles, useDefinition } from "../definitions.js";
import { useI18n } from "../i18n.jsx";
import { Loader, PageTitle, useData } from "../ui.jsx";

export const shortActionId = (id) => id.split("/").pop();

export default function RoadmapPage() {
  const { id } = useParams();
  const { t, day, number, pick } = useI18n();
  const detail = useData(() => api.get(`/api/v1/roadmaps/${id}`), [id]);
  const definition = useDefinition("roadmap-action");
  const names = titles(definition.data, pick);
  const d = detail.data;
  return (
    <Loader loading={detail.loading} error={detail.error}>
      {d && (
        <article>
          <PageTitle>{d.roadmap.title}</PageTitle>
          <p className="meta">
            {d.roadmap.countries.join(" · ")} · {t("period")}: {day(d.roadmap.periodStart)} – {day(d.roadmap.periodEnd)}
            {d.roadmap.signedAt ? ` · ${t("signed")}: ${d.roadmap.signedAt}` : ""}
          </p>
          <p>
            {t("verifiedPct")}: {number(Math.round(d.percentVerified))} %
          </p>
          {d.areas.map((area) => (
            <section key={area.code} aria-labelledby={`area-${area.code}`} className="area">
              <h2 id={`area-${area.code}`}>{area.title}</h2>
              <p className="meta">
                {t("actions")}: {area.actions} · {t("verifiedPct")}: {number(Math.round(area.percentVerified))} % · {t("overdueWork")}: {area.overdue}
              </p>
              <ul className="cards">
                {d.actions
                  .filter((a) => a.area === area.code)
                  .map((a) => (
                    <li key={a.id} className={`card${a.overdue ? " is-overdue" : ""}`} data-testid="roadmap-action">
                      <div className="card-head">
                        <Link to={`/hojas-de-ruta/${id}/acciones/${shortActionId(a.id)}`}>{a.title}</Link>
                        <span className="badge">{names.state(a.state)}</span>
                        {a.overdue && <span className="badge overdue">{t("overdue")}</span>}
                      </div>
                      <p className="meta">
                        {t("due")}: {day(a.dueDate)} · {t("responsible")}: {a.responsibleAgencies.join(", ")}
                      </p>
                      <label className="progress">
                        {t("progress")} {a.percentComplete} %
                        <progress max={100} value={a.percentComplete} />
                      </label>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </article>
      )}
    </Loader>
  );
}

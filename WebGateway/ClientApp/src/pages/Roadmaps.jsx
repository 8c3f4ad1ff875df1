import { Link } from "react-router-dom";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { CsvButton, Loader, PageTitle, useData } from "../ui.jsx";

export default function Roadmaps() {
  const { t, day, number } = useI18n();
  const list = useData(() => api.get("/api/v1/roadmaps?pageSize=100"), []);
  return (
    <section>
      <PageTitle>{t("roadmaps")}</PageTitle>
      <CsvButton path="/api/v1/roadmaps?pageSize=500" filename="hojas-de-ruta.csv" />
      <Loader loading={list.loading} error={list.error}>
        {list.data?.items.length === 0 && <p>{t("noRoadmap")}</p>}
        <ul className="cards">
          {list.data?.items.map((r) => (
            <li key={r.id} className="card">
              <div className="card-head">
                <Link to={`/hojas-de-ruta/${r.id}`}>{r.title}</Link>
                <span>{r.countries.join(" · ")}</span>
              </div>
              <p className="meta">
                {t("period")}: {day(r.periodStart)} – {day(r.periodEnd)}
                {r.signedAt ? ` · ${t("signed")}: ${r.signedAt}` : ""}
              </p>
              <p>
                {t("actions")}: {number(r.actions)} · {t("verifiedPct")}: {number(Math.round(r.percentVerified))} %
              </p>
              <progress max={100} value={r.percentVerified} aria-label={`${t("verifiedPct")} ${r.title}`} />
            </li>
          ))}
        </ul>
      </Loader>
    </section>
  );
}

import { useMemo, useState } from "react";
import { api, query } from "../api.js";
import BarChart from "../Chart.jsx";
import { loadDefinition, titles } from "../definitions.js";
import { useI18n } from "../i18n.jsx";
import { useSession } from "../session.jsx";
import { CsvButton, Loader, PageTitle, useData } from "../ui.jsx";
import VictimStatistics from "../victims/VictimStatistics.jsx";

async function loadAll(country) {
  const q = query({ country });
  const [summary, agencies, roadmaps] = await Promise.all([
    api.get(`/api/v1/dashboard/summary${q}`),
    api.get(`/api/v1/dashboard/agencies${q}`),
    api.get(`/api/v1/roadmaps${query({ pageSize: 50 })}`),
  ]);
  const workflows = [...new Set([...summary.casesByState.map((s) => s.workflowId), ...summary.medianHoursPerStage.map((s) => s.workflowId)])];
  // Every version of each workflow, newest first: running cases may be on an older one.
  const loaded = workflows.length ? await api.get("/api/v1/workflows") : [];
  const versions = (w) => loaded.filter((x) => x.id === w).map((x) => x.version).sort((a, b) => b - a);
  const definitions = Object.fromEntries(
    await Promise.all(workflows.map(async (w) => [w, (await Promise.all(versions(w).map((v) => loadDefinition(w, v).catch(() => null)))).filter(Boolean)])),
  );
  const roadmap = roadmaps.items[0] ? await api.get(`/api/v1/dashboard/roadmaps/${roadmaps.items[0].id}`) : null;
  return { summary, agencies, roadmaps: roadmaps.items, roadmap, definitions };
}

export default function Dashboard() {
  const { t, pick, number } = useI18n();
  const { user, is } = useSession();
  const [country, setCountry] = useState("");
  const data = useData(() => loadAll(country), [country]);
  const d = data.data;
  const charts = useMemo(() => {
    if (!d) return null;
    const stateName = (w, s) => (d.definitions[w] ?? []).map((definition) => titles(definition, pick).state(s)).find(Boolean) ?? "";
    const byState = new Map();
    for (const s of d.summary.casesByState) {
      const label = stateName(s.workflowId, s.state);
      byState.set(label, (byState.get(label) ?? 0) + s.count);
    }
    const agencies = d.agencies.agencies.filter((a) => a.open > 0 || a.overdue > 0);
    const stages = d.summary.medianHoursPerStage;
    const areas = d.roadmap?.areas ?? [];
    return {
      state: { labels: [...byState.keys()], series: [{ label: t("totalCases"), values: [...byState.values()] }] },
      agencies: {
        labels: agencies.map((a) => a.name ?? a.agency),
        series: [
          { label: t("openWork"), values: agencies.map((a) => a.open) },
          { label: t("overdueWork"), values: agencies.map((a) => a.overdue) },
        ],
      },
      stages: {
        labels: stages.map((s) => `${stateName(s.workflowId, s.stage)} (${pick(d.definitions[s.workflowId]?.[0]?.title)})`),
        series: [{ label: t("hours"), values: stages.map((s) => s.medianHours) }],
      },
      areas: {
        labels: areas.map((a) => pick(a.title) || a.area || a.code),
        series: [{ label: `% ${t("verifiedPct")}`, values: areas.map((a) => Math.round(a.percentVerified ?? 0)) }],
      },
    };
  }, [d, pick, t]);
  const q = query({ country });
  return (
    <section>
      <PageTitle>{t("dashboard")}</PageTitle>
      <div className="filters">
        <label>
          {t("countryFilter")}
          <select value={country} onChange={(e) => setCountry(e.target.value)} data-testid="country-filter">
            <option value="">{t("bothCountries")}</option>
            {user.countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <CsvButton path={`/api/v1/dashboard/summary${q}`} filename="panel-resumen.csv" label={t("csv.summary")} />
        <CsvButton path={`/api/v1/dashboard/agencies${q}`} filename="panel-instituciones.csv" label={t("csv.agencies")} />
      </div>
      <Loader loading={data.loading && !d} error={data.error}>
        {d && (
          <>
            <dl className="tiles" data-testid="task-figures">
              <div>
                <dt>{t("totalCases")}</dt>
                <dd data-testid="total-cases">{number(d.summary.totalCases)}</dd>
              </div>
              <div>
                <dt>{t("openWork")}</dt>
                <dd data-testid="open-tasks">{number(d.summary.tasks.open)}</dd>
              </div>
              <div>
                <dt>{t("declinedWork")}</dt>
                <dd>{number(d.summary.tasks.declined)}</dd>
              </div>
              <div className="warn">
                <dt>{t("overdueWork")}</dt>
                <dd>{number(d.summary.tasks.overdue)}</dd>
              </div>
              <div className="warn">
                <dt>{t("escalatedWork")}</dt>
                <dd>{number(d.summary.tasks.escalated)}</dd>
              </div>
            </dl>
            <div className="charts">
              <BarChart testId="chart-states" title={t("casesByState")} {...charts.state} />
              <BarChart testId="chart-agencies" title={t("workPerAgency")} horizontal {...charts.agencies} />
              <BarChart testId="chart-stages" title={t("medianPerStage")} horizontal {...charts.stages} />
              {d.roadmap ? (
                <div>
                  <BarChart testId="chart-roadmap" title={`${t("roadmapProgress")}: ${d.roadmaps[0].title}`} horizontal {...charts.areas} />
                  <CsvButton path={`/api/v1/dashboard/roadmaps/${d.roadmaps[0].id}`} filename="panel-hoja-de-ruta.csv" label={t("csv.roadmap")} />
                </div>
              ) : (
                <p>{t("noRoadmap")}</p>
              )}
            </div>
            {(is("manager") || is("coordinator")) && <VictimStatistics country={country} />}
          </>
        )}
      </Loader>
    </section>
  );
}

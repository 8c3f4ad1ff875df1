// The manager's view of the k-anonymised victim statistics (GET /api/v1/statistics/victims):
// a chart and a table by sex and broad age group, with how many cells were left out.
import { api, query } from "../api.js";
import BarChart from "../Chart.jsx";
import { useI18n } from "../i18n.jsx";
import { CsvButton, Loader, useData } from "../ui.jsx";
import { useVictimValues } from "./values.js";

export default function VictimStatistics({ country }) {
  const { t, number } = useI18n();
  const values = useVictimValues();
  const q = query({ country, by: "sex,ageBroad" });
  const data = useData(() => api.get(`/api/v1/statistics/victims${q}`), [q]);
  const d = data.data;
  const age = (code) => (code === "unknown" ? t("ageBroadUnknown") : t("ageBroadYears", { range: code.replace("-", "–") }));
  const rows = (d?.rows ?? []).map((r) => ({ sex: values.title("sex", r.sex), age: age(r.ageBroad), count: r.count }));
  return (
    <div data-testid="victim-statistics">
      <h2>{t("victimStatistics")}</h2>
      <Loader loading={data.loading && !d} error={data.error}>
        {d && (
          <>
            <p>{t("victimStatisticsNote", { k: d.k })}</p>
            {rows.length === 0 ? (
              <p>{t("victimStatisticsEmpty", { k: d.k })}</p>
            ) : (
              <>
                <BarChart
                  testId="chart-victims"
                  title={t("victimStatistics")}
                  horizontal
                  labels={rows.map((r) => `${r.sex} · ${r.age}`)}
                  series={[{ label: t("victimsColumn"), values: rows.map((r) => r.count) }]}
                />
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("sexColumn")}</th>
                      <th scope="col">{t("ageBroadColumn")}</th>
                      <th scope="col">{t("victimsColumn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.sex}-${r.age}`}>
                        <td>{r.sex}</td>
                        <td>{r.age}</td>
                        <td>{number(r.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <p data-testid="victim-statistics-suppressed">{t("victimStatisticsSuppressed", { k: d.k, n: number(d.suppressed) })}</p>
            <CsvButton path={`/api/v1/statistics/victims${q}`} filename="estadistica-victimas.csv" label={t("csvStatistics")} />
          </>
        )}
      </Loader>
    </div>
  );
}

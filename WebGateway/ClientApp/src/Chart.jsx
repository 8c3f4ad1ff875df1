// A Chart.js bar chart with its figures also as a table (for screen readers and for reading exact values).
import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useI18n } from "./i18n.jsx";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ["#1f5fa8", "#b3261e", "#8a5a00", "#2e7d32", "#6a1b9a"];

export default function BarChart({ title, labels, series, horizontal, testId }) {
  const { t, locale, number } = useI18n();
  const canvas = useRef(null);
  useEffect(() => {
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i % palette.length] })) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale,
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { ticks: { autoSkip: false } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, horizontal, locale]);
  const height = horizontal ? Math.max(200, labels.length * 28 * Math.max(1, series.length * 0.7)) : 280;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <div style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t("figures")}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{number(s.values[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

// Definition upgrades (administrators): move the running cases of a workflow version to a
// newer one — a dry run first, the states the target lacks mapped, then the real run.
import { useEffect, useMemo, useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { Loader, PageTitle, ProblemText, useCommand, useData } from "../ui.jsx";

const OUTCOMES = ["moved", "can-move", "needs-mapping", "refused"];
const COUNTS = { moved: "moved", "can-move": "canMove", "needs-mapping": "needsMapping", refused: "refused" };

function loadVersion(id, version) {
  return api.get(`/api/v1/workflows/${encodeURIComponent(id)}?version=${version}`);
}

export default function Upgrades() {
  const { t, lang } = useI18n();
  const workflows = useData(() => api.get("/api/v1/workflows"), []);
  const cases = useMemo(() => (workflows.data ?? []).filter((w) => w.kind === "case"), [workflows.data]);
  const ids = [...new Set(cases.map((w) => w.id))];
  const [workflowId, setWorkflowId] = useState("");
  const versions = cases.filter((w) => w.id === workflowId).map((w) => w.version).sort((a, b) => a - b);
  const [toVersion, setToVersion] = useState(0);
  const fromVersion = versions.filter((v) => v < toVersion).at(-1) ?? 0;

  // The newest version of the first workflow with more than one, until the person chooses.
  useEffect(() => {
    if (workflowId || cases.length === 0) return;
    const upgradable = ids.find((id) => cases.filter((w) => w.id === id).length > 1) ?? ids[0];
    setWorkflowId(upgradable);
  }, [cases, ids, workflowId]);
  useEffect(() => {
    if (versions.length > 0 && !versions.includes(toVersion)) setToVersion(versions.at(-1));
  }, [versions, toVersion]);

  const titleOf = (w) => (lang === "en" ? w.titleEn || w.title : w.title);
  return (
    <section>
      <PageTitle>{t("upgrades.title")}</PageTitle>
      <p>{t("upgrades.hint")}</p>
      <Loader loading={workflows.loading && !workflows.data} error={workflows.error}>
        <div className="filters">
          <label>
            {t("workflow")}
            <select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {titleOf(cases.find((w) => w.id === id))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("upgrades.toVersion")}
            <select value={toVersion} onChange={(e) => setToVersion(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  {t("upgrades.version", { n: v })}
                </option>
              ))}
            </select>
          </label>
        </div>
        {workflowId && fromVersion === 0 && <p>{t("upgrades.noOlder")}</p>}
        {workflowId && fromVersion > 0 && (
          <UpgradeRun key={`${workflowId}.${fromVersion}.${toVersion}`} workflowId={workflowId} fromVersion={fromVersion} toVersion={toVersion} />
        )}
      </Loader>
    </section>
  );
}

function UpgradeRun({ workflowId, fromVersion, toVersion }) {
  const { t, pick, number } = useI18n();
  const definitions = useData(() => Promise.all([loadVersion(workflowId, fromVersion), loadVersion(workflowId, toVersion)]), [workflowId, fromVersion, toVersion]);
  const [from, to] = definitions.data ?? [];
  const stateTitle = (definition, name) => pick(definition?.states.find((s) => s.name === name)?.title) || t("upgrades.unknownState");
  const targets = (to?.states ?? []).filter((s) => !s.terminal);
  const [stateMap, setStateMap] = useState({});
  const [result, setResult] = useState(null);
  const command = useCommand();

  const run = (dryRun) =>
    command.run(async () => {
      const body = { fromVersion, toVersion, dryRun, stateMap };
      setResult({ dryRun, ...(await api.post(`/api/v1/workflows/${encodeURIComponent(workflowId)}/upgrades`, body)) });
    });

  const unmapped = [...new Set((result?.items ?? []).filter((i) => i.outcome === "needs-mapping").map((i) => i.fromState))];
  const mapped = Object.keys(stateMap);
  const needing = [...new Set([...unmapped, ...mapped])];
  const reason = (item) => {
    if (item.outcome === "needs-mapping") return t("upgrades.reason.state-missing", { state: stateTitle(from, item.fromState), n: toVersion });
    if (item.reasonCode) return t(`upgrades.reason.${item.reasonCode}`, { n: fromVersion });
    return "";
  };

  return (
    <Loader loading={definitions.loading && !definitions.data} error={definitions.error}>
      <p>{t("upgrades.plan", { from: fromVersion, to: toVersion })}</p>
      {needing.length > 0 && (
        <fieldset className="mapping">
          <legend>{t("upgrades.mapping")}</legend>
          <p>{t("upgrades.mappingHint", { n: toVersion })}</p>
          {needing.map((state) => (
            <label key={state}>
              {t("upgrades.mapsTo", { state: stateTitle(from, state) })}
              <select
                value={stateMap[state] ?? ""}
                onChange={(e) => {
                  const next = { ...stateMap };
                  if (e.target.value) next[state] = e.target.value;
                  else delete next[state];
                  setStateMap(next);
                }}
              >
                <option value="">{t("upgrades.chooseState")}</option>
                {targets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {pick(s.title)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={command.busy} onClick={() => run(true)}>
          {t("upgrades.dryRun")}
        </button>
        <button type="button" disabled={command.busy || !result?.dryRun || unmapped.some((s) => !stateMap[s])} onClick={() => run(false)}>
          {t("upgrades.run")}
        </button>
      </div>
      <ProblemText error={command.error} />
      {result && (
        <div aria-live="polite" data-testid="upgrade-result">
          <h2>{result.dryRun ? t("upgrades.dryRunResult") : t("upgrades.runResult")}</h2>
          <dl className="figures">
            {OUTCOMES.map((o) => (
              <div key={o} data-testid={`count-${o}`}>
                <dt>{t(`upgrades.outcome.${o}`)}</dt>
                <dd>{number(result[COUNTS[o]])}</dd>
              </div>
            ))}
          </dl>
          {result.items.length === 0 ? (
            <p>{t("upgrades.none", { n: fromVersion })}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("upgrades.cases")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("case")}</th>
                    <th scope="col">{t("upgrades.fromState")}</th>
                    <th scope="col">{t("upgrades.toState")}</th>
                    <th scope="col">{t("upgrades.outcomeTitle")}</th>
                    <th scope="col">{t("upgrades.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((item) => (
                    <tr key={item.caseId} data-testid="upgrade-item">
                      <td>{item.reference}</td>
                      <td>{item.fromState ? stateTitle(from, item.fromState) : ""}</td>
                      <td>{item.toState ? stateTitle(to, item.toState) : ""}</td>
                      <td>{t(`upgrades.outcome.${item.outcome}`)}</td>
                      <td>{reason(item)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Loader>
  );
}

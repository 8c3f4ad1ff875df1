import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, query } from "../api.js";
import { useBorderPoints } from "../borderPoints.js";
import { loadDefinition, titles as definitionTitles } from "../definitions.js";
import { useI18n } from "../i18n.jsx";
import { useSession } from "../session.jsx";
import { CsvButton, Loader, PageTitle, Pager, ProblemText, useData } from "../ui.jsx";
import { useVictimValues } from "../victims/values.js";
import VictimFields, { newVictim, victimBody } from "../victims/VictimForm.jsx";

// A workflow of the list (GET /workflows): its title in the chosen language.
const countryName = (c, lang) => (c ? (lang === "en" ? c.nameEn || c.name : c.name) : "");

const workflowTitle = (w, lang) => (w ? (lang === "en" ? w.titleEn || w.title : w.title) : "");

// GET /workflows lists every version loaded; a new case starts on the newest one of each.
const newest = (workflows) => Object.values(Object.groupBy(workflows, (w) => w.id)).map((versions) => versions.reduce((a, b) => (b.version > a.version ? b : a)));

/** The victims of a new case: one fieldset per victim, added and removed freely. */
function NewCaseVictims({ victims, stayCountries, onChange }) {
  const { t } = useI18n();
  const values = useVictimValues();
  const set = (i) => (v) => onChange(victims.map((x, j) => (j === i ? v : x)));
  return (
    <fieldset className="victims">
      <legend>{t("victims")}</legend>
      <p className="meta">{t("victimsHint")}</p>
      <Loader loading={!values.ready && !values.error} error={values.error}>
        {victims.map((v, i) => (
          <fieldset key={v.key} className="victim-draft" data-testid="new-victim">
            <legend>{t("victimN", { n: i + 1 })}</legend>
            <VictimFields value={v} onChange={set(i)} values={values} identity="new" stayCountries={stayCountries} />
            <button type="button" className="secondary" onClick={() => onChange(victims.filter((_, j) => j !== i))}>
              {t("removeVictim")}
              <span className="visually-hidden"> {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => onChange([...victims, { ...newVictim(), key: crypto.randomUUID() }])}>
          {t("addVictim")}
        </button>
      </Loader>
    </fieldset>
  );
}

function NewCase({ countries, workflows }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const mine = user.countries.length ? user.countries : countries.map((c) => c.code);
  const borderPoints = useBorderPoints();
  const [form, setForm] = useState({ workflowId: workflows[0]?.id ?? "", title: "", summary: "", leadCountry: mine[0] ?? "", partnerCountries: [], borderPoint: "" });
  const [victims, setVictims] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      const created = await api.post("/api/v1/cases", { ...form, borderPoint: form.borderPoint || null, victims: victims.map(victimBody) });
      navigate(`/casos/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <details className="panel">
      <summary>{t("newCase")}</summary>
      <form onSubmit={submit} className="form" aria-label={t("newCase")}>
        <label>
          {t("workflow")}
          <select value={form.workflowId} onChange={set("workflowId")} required>
            {workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {workflowTitle(w, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("title")}
          <input value={form.title} onChange={set("title")} required maxLength={200} />
        </label>
        <label>
          {t("summary")}
          <textarea value={form.summary} onChange={set("summary")} required rows={3} />
        </label>
        <label>
          {t("leadCountry")}
          <select value={form.leadCountry} onChange={set("leadCountry")} required>
            {mine.map((c) => (
              <option key={c} value={c}>
                {countryName(countries.find((x) => x.code === c), lang) || c}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t("partnerCountries")}</legend>
          {countries
            .filter((c) => c.code !== form.leadCountry)
            .map((c) => (
              <label key={c.code} className="check">
                <input
                  type="checkbox"
                  checked={form.partnerCountries.includes(c.code)}
                  onChange={(e) =>
                    setForm({ ...form, partnerCountries: e.target.checked ? [...form.partnerCountries, c.code] : form.partnerCountries.filter((x) => x !== c.code) })
                  }
                />
                {countryName(c, lang)}
              </label>
            ))}
        </fieldset>
        <label>
          {t("borderPoint")}
          <select value={form.borderPoint} onChange={set("borderPoint")}>
            <option value="">{t("noBorderPoint")}</option>
            {borderPoints.points
              .filter((p) => p.countries.some((c) => c === form.leadCountry || form.partnerCountries.includes(c)))
              .map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        {borderPoints.error && <ProblemText error={borderPoints.error} />}
        <NewCaseVictims victims={victims} stayCountries={[form.leadCountry, ...form.partnerCountries]} onChange={setVictims} />
        <ProblemText error={error} />
        <button type="submit" disabled={busy}>
          {t("create")}
        </button>
      </form>
    </details>
  );
}

export default function CaseList() {
  const { t, date, pick, lang } = useI18n();
  const { is } = useSession();
  const [filters, setFilters] = useState({ q: "", country: "", overdue: false });
  const [draft, setDraft] = useState("");
  const [page, setPage] = useState(1);
  const path = `/api/v1/cases${query({ q: filters.q, country: filters.country, overdue: filters.overdue ? "true" : "", page, pageSize: 25 })}`;
  const cases = useData(() => api.get(path), [path]);
  const reference = useData(() => Promise.all([api.get("/api/v1/countries"), api.get("/api/v1/workflows")]), []);
  const [countries, workflows] = reference.data ?? [[], []];
  // Each case's states by the titles of the definition version it runs on.
  const ids = [...new Set((cases.data?.items ?? []).map((c) => `${c.workflowId}@${c.workflowVersion}`))].sort().join(",");
  const definitions = useData(
    () => Promise.all(ids ? ids.split(",").map((key) => loadDefinition(...key.split("@")).catch(() => null)) : []),
    [ids],
  );
  const states = Object.fromEntries((definitions.data ?? []).filter(Boolean).map((d) => [`${d.id}@${d.version}`, definitionTitles(d, pick).state]));
  const workflow = (id) => workflowTitle(newest(workflows).find((w) => w.id === id), lang) || "";
  return (
    <section>
      <PageTitle>{t("cases")}</PageTitle>
      {is("coordinator") && reference.data && <NewCase countries={countries} workflows={newest(workflows).filter((w) => w.kind === "case")} />}
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setFilters({ ...filters, q: draft });
        }}
      >
        <label>
          {t("search")}
          <input
            type="search"
            value={draft}
            placeholder={t("searchHint")}
            minLength={3}
            onChange={(e) => (setDraft(e.target.value), e.target.setCustomValidity(""))}
            onInvalid={(e) => e.target.setCustomValidity(t("searchMinimum"))}
          />
        </label>
        <label>
          {t("country")}
          <select value={filters.country} onChange={(e) => (setPage(1), setFilters({ ...filters, country: e.target.value }))}>
            <option value="">{t("all")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {countryName(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => (setPage(1), setFilters({ ...filters, overdue: e.target.checked }))} />
          {t("overdueOnly")}
        </label>
        <button type="submit">{t("search")}</button>
        <CsvButton path={path} filename="casos.csv" />
      </form>
      <Loader loading={cases.loading && !cases.data} error={cases.error}>
        {cases.data?.items.length === 0 && <p>{t("empty")}</p>}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("cases")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reference")}</th>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("workflow")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("openTasks")}</th>
                <th scope="col">{t("updated")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.data?.items.map((c) => (
                <tr key={c.id} className={c.overdueTasks ? "is-overdue" : ""}>
                  <td>
                    <Link to={`/casos/${c.id}`}>{c.reference}</Link>
                  </td>
                  <td>{c.title}</td>
                  <td>{workflow(c.workflowId)}</td>
                  <td>{states[`${c.workflowId}@${c.workflowVersion}`]?.(c.state) ?? ""}</td>
                  <td>
                    {c.openTasks}
                    {c.overdueTasks ? <span className="badge overdue">{`${c.overdueTasks} ${t("overdue")}`}</span> : null}
                  </td>
                  <td>
                    <time dateTime={c.updatedAt}>{date(c.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {cases.data && <Pager page={cases.data.page} pageSize={cases.data.pageSize} total={cases.data.total} totalIsExact={cases.data.totalIsExact} onPage={setPage} />}
      </Loader>
    </section>
  );
}

// Small shared pieces: loading data, showing problems, badges, paging, CSV export.
import { useCallback, useEffect, useState } from "react";
import { downloadCsv, Problem } from "./api.js";
import { useI18n } from "./i18n.jsx";

/** Loads data with `load()` whenever `deps` change; `reload()` loads again. */
export function useData(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** Runs a command once at a time: `busy` while it runs, `error` when it failed. */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Closes the disclosure (<details>) that holds `element`, once what it held is done. */
export function closeDisclosure(element) {
  const details = element?.closest("details");
  if (details) details.open = false;
}

/** A problem the API answered, in words a person can act on. */
export function ProblemText({ error }) {
  const { t } = useI18n();
  if (!error) return null;
  // The API's problems are in English: the UI says what happened in the user's language and
  // keeps the API's detail (which names the guard, field or state) beside it.
  let text = error.message;
  let detail = null;
  if (error instanceof Problem) {
    const known = { 0: "networkError", 400: "invalid", 403: "forbidden", 404: "notFound", 409: "conflict", 412: "stale", 429: "tooManyRequests", 503: "unavailableService" };
    text = known[error.status] ? t(known[error.status]) : t("error");
    const fields = error.body?.errors ? Object.values(error.body.errors).flat() : [];
    detail = [0, 404, 412].includes(error.status) ? null : [error.body?.detail, ...fields].filter(Boolean).join(" ");
  }
  return (
    <p className="problem" role="alert">
      {text}
      {detail && <span className="detail"> ({detail})</span>}
    </p>
  );
}

export function Loader({ loading, error, children }) {
  const { t } = useI18n();
  if (error) return <ProblemText error={error} />;
  if (loading) return <p aria-live="polite">{t("loading")}</p>;
  return children;
}

/** The options of an agency picker: none chosen, then the agencies grouped under their kind's title, each with its country. */
export function AgencyOptions({ agencies }) {
  const { t } = useI18n();
  return (
    <>
      <option value="">—</option>
      {Object.entries(Object.groupBy(agencies, (a) => a.kind)).map(([kind, members]) => (
        <optgroup key={kind} label={t(`agencyKind.${kind}`)}>
          {members.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name} ({a.country})
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

export function TaskBadges({ task }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`badge state-${task.state}`}>{t(`taskState.${task.state}`)}</span>
      {task.overdue && <span className="badge overdue">{t("overdue")}</span>}
      {task.escalated && <span className="badge escalated">{t("escalated")}</span>}
    </>
  );
}

/**
 * What a task says of itself besides its state: for whom it is (a victim's code), that it is
 * part of a care track, that the rule found no agency and the fallback got it, and the consent
 * it needs (the purpose's title from `values`, the victim value lists).
 */
export function TaskFlags({ task, values, victim = true }) {
  const { t } = useI18n();
  return (
    <>
      {victim && task.victim && (
        <span className="badge victim-code" data-testid="task-victim">
          {t("forVictim", { code: task.victim })}
        </span>
      )}
      {victim && task.care && <span className="badge care">{t("careTaskBadge")}</span>}
      {task.unmatchedRule && (
        <p className="flag unmatched" data-testid="task-unmatched">
          {t("unmatchedRule")}
        </p>
      )}
      {task.requiresConsent && (
        <p className="flag consent" data-testid="task-consent">
          {t("requiresConsent", { purpose: values?.title("consentPurpose", task.requiresConsent) })}
        </p>
      )}
    </>
  );
}

// The API serves no page past a list's 10,000th item: deeper, the filters narrow the list.
const maxDepth = 10000;

// A list that counted only so far says totalIsExact: false — there are more than total.
export function Pager({ page, pageSize, total, totalIsExact = true, onPage }) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const reachable = Math.min(pages, Math.max(1, Math.floor(maxDepth / pageSize)));
  return (
    <nav className="pager" aria-label={t("pageOf", { page, pages })}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("previous")}
      </button>
      <span>
        {t("pageOf", { page: number(page), pages: totalIsExact ? number(pages) : `${number(pages)}+` })} ·{" "}
        {totalIsExact ? t("total", { n: number(total) }) : t("totalAtLeast", { n: number(total) })}
        {reachable < pages && ` · ${t("narrowFilters", { n: number(maxDepth) })}`}
      </span>
      <button type="button" disabled={page >= reachable} onClick={() => onPage(page + 1)}>
        {t("next")}
      </button>
    </nav>
  );
}

export function CsvButton({ path, filename, label }) {
  const { t } = useI18n();
  const [error, setError] = useState(null);
  return (
    <span>
      <button type="button" className="secondary" onClick={() => downloadCsv(path, filename).then(() => setError(null), setError)}>
        {label ?? t("exportCsv")}
      </button>
      <ProblemText error={error} />
    </span>
  );
}

/** Sets the document title and moves focus to the page heading after navigation. */
export function PageTitle({ children }) {
  useEffect(() => {
    document.title = `${typeof children === "string" ? children : ""} · Enlace`;
    document.getElementById("page-heading")?.focus();
  }, [children]);
  return (
    <h1 id="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}

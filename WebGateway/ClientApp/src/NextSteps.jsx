// The case's next steps, as the server computed them: permitted triggers as buttons, the others
// with why not (in the user's language). A trigger that needs a resolution or a note asks for it
// first; resolutions come from the definition.
import { useState } from "react";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { ProblemText, useCommand } from "./ui.jsx";

/** Why a trigger cannot be fired now, from the availability the server computed. */
export function whyNot(step, kase, definition, t, pick) {
  if (step.reason === "wrong-state") return t("wrongState");
  if (step.reason === "role-not-allowed") return t("roleNotAllowed");
  if (step.reason !== "guard-unmet") return step.message;
  const needs = (step.unmetGuards ?? []).map((guard) => {
    const tag = /tasks tagged '(.+)' are completed/.exec(guard)?.[1];
    if (tag) {
      // The definition's task titles are in both languages; a case's tasks carry the Spanish one.
      const templates = (definition?.states ?? []).flatMap((s) => s.tasks ?? []).filter((x) => x.tags?.includes(tag)).map((x) => pick(x.title));
      const tasks = kase.tasks.filter((task) => task.tags?.includes(tag)).map((task) => task.title);
      const titles = [...new Set(templates.length ? templates : tasks)];
      return titles.length ? t("completeTasks", { tasks: titles.join("», «") }) : guard;
    }
    const field = /'(.+)' is filled in/.exec(guard)?.[1];
    return field ? t("fieldMissing", { field: t(`field.${field}`) }) : guard;
  });
  return `${t("needs")} ${needs.join("; ")}`;
}

/** The title of a resolution: the definition's own when it has one, else the dictionary's. */
export function resolutionTitle(resolution, t, pick) {
  if (resolution && typeof resolution === "object") return pick(resolution.title) || resolution.code;
  return t(`resolutions.${resolution}`);
}

export default function NextSteps({ kase, definition, names, onDone }) {
  const { t, pick } = useI18n();
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(null);
  const [resolution, setResolution] = useState("");
  const { busy, error, run } = useCommand();
  const declared = (name) => definition?.triggers?.find((x) => x.name === name) ?? {};
  const resolutions = (definition?.resolutions ?? []).map((r) => ({ code: typeof r === "object" ? r.code : r, title: resolutionTitle(r, t, pick) }));
  const fire = (trigger) =>
    run(async () => {
      const body = { trigger };
      if (note.trim()) body.note = note.trim();
      if (declared(trigger).requiresResolution) body.resolution = resolution;
      await api.post(`/api/v1/cases/${kase.id}/transitions`, body);
      setNote("");
      setPending(null);
      setResolution("");
      onDone(names.trigger(trigger));
    });
  const choose = (trigger) => {
    const d = declared(trigger);
    if (d.requiresResolution || d.requiresNote) {
      setPending(trigger);
      setResolution("");
    } else fire(trigger);
  };
  const asked = pending ? declared(pending) : null;
  const simple = kase.triggers.some((s) => s.permitted && !declared(s.trigger).requiresResolution && !declared(s.trigger).requiresNote);
  return (
    <section aria-labelledby="next-steps">
      <h2 id="next-steps">{t("nextSteps")}</h2>
      {kase.triggers.length === 0 && <p>{t("noSteps")}</p>}
      <ul className="steps">
        {kase.triggers.map((s) => (
          <li key={s.trigger} className={s.permitted ? "permitted" : "unavailable"}>
            <button
              type="button"
              disabled={!s.permitted || busy}
              aria-expanded={pending === s.trigger ? true : undefined}
              onClick={() => choose(s.trigger)}
              aria-describedby={s.permitted ? undefined : `why-${s.trigger}`}
            >
              {names.trigger(s.trigger)}
            </button>
            {!s.permitted && (
              <span id={`why-${s.trigger}`} className="why">
                {t("unavailable")}: {whyNot(s, kase, definition, t, pick)}
              </span>
            )}
          </li>
        ))}
      </ul>
      {asked ? (
        <form
          className="form confirm"
          aria-label={t("confirmStep", { step: names.trigger(pending) })}
          onSubmit={(e) => {
            e.preventDefault();
            fire(pending);
          }}
        >
          <h3>{t("confirmStep", { step: names.trigger(pending) })}</h3>
          {asked.requiresResolution && (
            <label>
              {t("resolution")}
              <select value={resolution} onChange={(e) => setResolution(e.target.value)} required>
                <option value="">{t("chooseResolution")}</option>
                {resolutions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {asked.requiresNote ? t("noteRequired") : t("note")}
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} required={!!asked.requiresNote} />
          </label>
          <div className="buttons">
            <button type="submit" disabled={busy || (asked.requiresResolution && !resolution) || (asked.requiresNote && !note.trim())}>
              {t("confirmStep", { step: names.trigger(pending) })}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(null)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : (
        simple && (
          <label className="wide">
            {t("note")}
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        )
      )}
      <ProblemText error={error} />
    </section>
  );
}

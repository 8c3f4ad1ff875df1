// Next steps as the server computed them, for a case and for a victim's care track alike: each
// trigger leaving the current state as a button, titled and explained in the user's language by
// the server, the unavailable ones with why not. A step that must carry something (a note, a
// resolution, the number of the decision it records, the country that takes the lead) asks for it
// first.
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { ProblemText, useCommand } from "./ui.jsx";

/** Why a step cannot be taken now, in the server's words (already in the user's language). */
export function whyNot(step, t) {
  if (step.reason === "guard-unmet" && step.unmetGuards?.length) return `${t("needs")} ${step.unmetGuards.join("; ")}`;
  return step.message;
}

/** The title of a resolution: the definition's own when it has one, else the dictionary's. */
export function resolutionTitle(resolution, t, pick) {
  if (resolution && typeof resolution === "object") return pick(resolution.title) || t(`resolutions.${resolution.code}`);
  return t(`resolutions.${resolution}`);
}

// What a step's command must carry besides its trigger.
const asks = (step) => !!step && (step.requiresNote || step.requiresResolution || step.requiresDecisionRef || step.effect === "transfer-lead");

/**
 * The steps of one workflow instance. `send(body)` posts the command; `resolutionTitle(code)`,
 * `resolutionLabels` ({label, choose}) and `leadCountries` ([{code, title}]) fill the
 * confirmation; `scope` keeps element ids apart when several instances share a page; `level` is
 * the heading's.
 */
export function Steps({ steps, heading, headingId, level = 2, empty, scope = "", send, resolutionTitle: titleOf, resolutionLabels, leadCountries, onDone, testId }) {
  const Heading = `h${level}`;
  const Sub = `h${level + 1}`;
  const { t } = useI18n();
  const [pending, setPending] = useState(null);
  const [form, setForm] = useState({ note: "", resolution: "", decisionRef: "", leadCountry: "" });
  const { busy, error, run } = useCommand();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const title = (step) => step.title || t("nextSteps");
  const asked = pending ? steps.find((s) => s.trigger === pending) : null;
  const fire = (step) =>
    run(async () => {
      const body = { trigger: step.trigger };
      if (form.note.trim()) body.note = form.note.trim();
      if (step.requiresResolution) body.resolution = form.resolution;
      if (step.requiresDecisionRef) body.decisionRef = form.decisionRef.trim();
      if (step.effect === "transfer-lead") body.leadCountry = form.leadCountry;
      const answer = await send(body);
      setForm({ note: "", resolution: "", decisionRef: "", leadCountry: "" });
      setPending(null);
      onDone(title(step), answer, step);
    });
  const choose = (step) => {
    setForm({ ...form, resolution: "", decisionRef: "", leadCountry: "" });
    if (asks(step)) setPending(step.trigger);
    else fire(step);
  };
  const simple = steps.some((s) => s.permitted && !asks(s));
  const confirm = asked ? `${t("confirmStep", { step: title(asked) })}${scope ? ` · ${scope}` : ""}` : "";
  const ready =
    asked &&
    (!asked.requiresResolution || form.resolution) &&
    (!asked.requiresNote || form.note.trim()) &&
    (!asked.requiresDecisionRef || form.decisionRef.trim()) &&
    (asked.effect !== "transfer-lead" || form.leadCountry);
  const why = (step) => `why-${scope ? `${scope}-` : ""}${step.trigger}`;
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <Heading id={headingId}>{heading}</Heading>
      {steps.length === 0 && <p>{empty}</p>}
      <ul className="steps">
        {steps.map((s) => (
          <li key={s.trigger} className={s.permitted ? "permitted" : "unavailable"}>
            <button
              type="button"
              disabled={!s.permitted || busy}
              aria-expanded={pending === s.trigger ? true : undefined}
              onClick={() => choose(s)}
              aria-describedby={s.permitted ? undefined : why(s)}
            >
              {title(s)}
            </button>
            {!s.permitted && (
              <span id={why(s)} className="why">
                {t("unavailable")}: {whyNot(s, t)}
              </span>
            )}
          </li>
        ))}
      </ul>
      {asked ? (
        <form
          className="form confirm"
          aria-label={confirm}
          onSubmit={(e) => {
            e.preventDefault();
            fire(asked);
          }}
        >
          <Sub>{confirm}</Sub>
          {asked.requiresResolution && (
            <label>
              {resolutionLabels.label}
              <select value={form.resolution} onChange={set("resolution")} required>
                <option value="">{resolutionLabels.choose}</option>
                {(asked.resolutions ?? []).map((code) => (
                  <option key={code} value={code}>
                    {titleOf(code)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {asked.requiresDecisionRef && (
            <label>
              {t("decisionRef")}
              <input value={form.decisionRef} onChange={set("decisionRef")} required maxLength={200} placeholder={t("decisionRefHint")} />
            </label>
          )}
          {asked.effect === "transfer-lead" && (
            <label>
              {t("newLeadCountry")}
              <select value={form.leadCountry} onChange={set("leadCountry")} required>
                <option value="">{t("choose")}</option>
                {(leadCountries ?? []).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {asked.requiresNote ? t("noteRequired") : t("note")}
            <textarea rows={2} value={form.note} onChange={set("note")} required={!!asked.requiresNote} />
          </label>
          <div className="buttons">
            <button type="submit" disabled={busy || !ready}>
              {confirm}
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
            <textarea rows={2} value={form.note} onChange={set("note")} />
          </label>
        )
      )}
      <ProblemText error={error} />
    </section>
  );
}

/** The case's next steps; after a step that opened a linked case, a link to it. */
export default function NextSteps({ kase, values, onDone }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState([]);
  return (
    <>
      <Steps
        steps={kase.triggers}
        heading={t("nextSteps")}
        headingId="next-steps"
        empty={t("noSteps")}
        testId="next-steps"
        send={(body) => api.post(`/api/v1/cases/${kase.id}/transitions`, body)}
        resolutionTitle={(code) => t(`resolutions.${code}`)}
        resolutionLabels={{ label: t("resolution"), choose: t("chooseResolution") }}
        leadCountries={kase.partnerCountries.map((code) => ({ code, title: values.country(code) }))}
        onDone={(title, answer, step) => {
          if (step.effect === "open-linked-case") setOpened((answer?.linkedCases ?? []).filter((id) => !kase.linkedCases?.includes(id)));
          onDone(title);
        }}
      />
      {opened.length > 0 && (
        <p className="linked-opened" aria-live="polite" data-testid="linked-case-opened">
          {t("linkedCaseOpened")}:{" "}
          {opened.map((id) => (
            <Link key={id} to={`/casos/${id}`}>
              {t("openLinkedCase")}
            </Link>
          ))}
        </p>
      )}
    </>
  );
}

// Pickers fed by the value lists: a select (one value) and a group of checkboxes (several).
import { useI18n } from "../i18n.jsx";

/** One value of `options`; optional ones start with "—" (none). */
export function Choice({ label, value, options, onChange, required, name }) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select name={name} value={value ?? ""} required={required} onChange={(e) => onChange(e.target.value)}>
        <option value="">{required ? t("choose") : t("none")}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Several values of `options`, as checkboxes in a group named by `legend`. */
export function Checks({ legend, values, options, onChange }) {
  const chosen = values ?? [];
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.code} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(o.code)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code))}
          />
          {o.title}
        </label>
      ))}
    </fieldset>
  );
}

/** A name, document number and birth date, in a group marked as kept apart and encrypted. */
export function IdentityFields({ legend, value, onChange, birthDate = true }) {
  const { t } = useI18n();
  const set = (k) => (e) => onChange({ ...value, [k]: e.target.value });
  const started = !!(value.fullName || value.documentNumber || value.birthDate);
  return (
    <fieldset className="sealed">
      <legend>{legend}</legend>
      <label>
        {t("fullName")}
        <input value={value.fullName} onChange={set("fullName")} required={started} maxLength={200} autoComplete="off" />
      </label>
      <label>
        {t("documentNumber")}
        <input value={value.documentNumber} onChange={set("documentNumber")} maxLength={50} autoComplete="off" />
      </label>
      {birthDate && (
        <label>
          {t("birthDate")}
          <input type="date" value={value.birthDate} onChange={set("birthDate")} max={new Date().toISOString().slice(0, 10)} autoComplete="off" />
        </label>
      )}
    </fieldset>
  );
}

export const noIdentity = { fullName: "", documentNumber: "", birthDate: "" };

/** The identity part of a request body, or undefined when none was typed. */
export function identityBody(identity) {
  if (!identity?.fullName?.trim()) return undefined;
  return {
    fullName: identity.fullName.trim(),
    documentNumber: identity.documentNumber?.trim() || null,
    birthDate: identity.birthDate || null,
  };
}

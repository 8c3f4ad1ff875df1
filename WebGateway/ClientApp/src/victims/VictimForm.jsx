// The pseudonymous record of a victim (HTCDS 2.0 fields, values from /reference/victim-values),
// with an optional identity that the server seals apart. Used to open a case and in the case page.
import { useI18n } from "../i18n.jsx";
import { Checks, Choice, IdentityFields, identityBody, noIdentity } from "./fields.jsx";

const labour = ["forced-labour", "child-labour", "servitude", "forced-begging"];

/** An empty victim draft. */
export function newVictim() {
  return {
    identificationStatus: "presumed",
    ageGroup: "",
    sex: "",
    citizenship: "",
    countryOfExploitation: "",
    exploitation: [],
    labourSector: "",
    sexualExploitationType: "",
    meansOfControl: [],
    recruitmentMethod: "",
    recruitmentCountry: "",
    relationshipToTrafficker: "",
    languages: [],
    unaccompanied: "",
    countryOfStay: "",
    seeksInternationalProtection: false,
    identity: { ...noIdentity },
  };
}

/** A draft from a victim of the case view (the identity is never in it). */
export function victimDraft(v) {
  return {
    ...newVictim(),
    identificationStatus: v.identificationStatus,
    ageGroup: v.ageGroup,
    sex: v.sex,
    citizenship: v.citizenship,
    countryOfExploitation: v.countryOfExploitation ?? "",
    exploitation: [...(v.exploitation ?? [])],
    labourSector: v.labourSector ?? "",
    sexualExploitationType: v.sexualExploitationType ?? "",
    meansOfControl: [...(v.meansOfControl ?? [])],
    recruitmentMethod: v.recruitment?.method ?? "",
    recruitmentCountry: v.recruitment?.country ?? "",
    relationshipToTrafficker: v.relationshipToTrafficker ?? "",
    languages: [...(v.languages ?? [])],
    unaccompanied: v.unaccompanied == null ? "" : v.unaccompanied ? "yes" : "no",
    countryOfStay: v.countryOfStay ?? "",
    seeksInternationalProtection: !!v.seeksInternationalProtection,
  };
}

/** The body of POST /cases/{id}/victims and PUT …/victims/{code} (and of each victim in POST /cases). */
export function victimBody(d) {
  const or = (v) => v || null;
  return {
    identificationStatus: d.identificationStatus,
    ageGroup: d.ageGroup,
    sex: d.sex,
    citizenship: d.citizenship,
    countryOfExploitation: or(d.countryOfExploitation),
    exploitation: d.exploitation,
    labourSector: or(d.labourSector),
    sexualExploitationType: or(d.sexualExploitationType),
    meansOfControl: d.meansOfControl,
    recruitment: d.recruitmentMethod || d.recruitmentCountry ? { method: or(d.recruitmentMethod), country: or(d.recruitmentCountry) } : null,
    relationshipToTrafficker: or(d.relationshipToTrafficker),
    languages: d.languages,
    unaccompanied: d.unaccompanied === "" ? null : d.unaccompanied === "yes",
    countryOfStay: or(d.countryOfStay),
    seeksInternationalProtection: d.seeksInternationalProtection,
    identity: identityBody(d.identity),
  };
}

/**
 * The fields of one victim; `identity` says which identity section to show ("new", "replace" or
 * none); `stayCountries` are the case's countries, where the person may be staying.
 */
export default function VictimFields({ value, onChange, values, identity, stayCountries }) {
  const { t } = useI18n();
  const set = (k) => (v) => onChange({ ...value, [k]: v });
  const f = (k) => t(`field.${k}`);
  const showLabour = value.labourSector || value.exploitation.some((e) => labour.includes(e));
  const showSexual = value.sexualExploitationType || value.exploitation.includes("sexual-exploitation");
  return (
    <div className="victim-fields">
      <div className="grid2">
        <Choice label={f("identificationStatus")} value={value.identificationStatus} options={values.options("identificationStatus")} onChange={set("identificationStatus")} required />
        <Choice label={f("ageGroup")} value={value.ageGroup} options={values.options("ageGroup")} onChange={set("ageGroup")} required />
        <Choice label={f("sex")} value={value.sex} options={values.options("sex")} onChange={set("sex")} required />
        <Choice label={f("citizenship")} value={value.citizenship} options={values.countries} onChange={set("citizenship")} required />
        <Choice label={f("countryOfExploitation")} value={value.countryOfExploitation} options={values.countries} onChange={set("countryOfExploitation")} />
        <Choice
          label={f("unaccompanied")}
          value={value.unaccompanied}
          options={[
            { code: "yes", title: t("yes") },
            { code: "no", title: t("no") },
          ]}
          onChange={set("unaccompanied")}
        />
        <Choice
          label={f("countryOfStay")}
          value={value.countryOfStay}
          options={[...new Set([...(stayCountries ?? []), value.countryOfStay].filter(Boolean))].map((code) => ({ code, title: values.country(code) }))}
          onChange={set("countryOfStay")}
        />
        <label className="check">
          <input type="checkbox" checked={!!value.seeksInternationalProtection} onChange={(e) => set("seeksInternationalProtection")(e.target.checked)} />
          {f("seeksInternationalProtection")}
        </label>
      </div>
      <Checks legend={f("exploitation")} values={value.exploitation} options={values.options("exploitation")} onChange={set("exploitation")} />
      {(showLabour || showSexual) && (
        <div className="grid2">
          {showLabour && <Choice label={f("labourSector")} value={value.labourSector} options={values.options("labourSector")} onChange={set("labourSector")} />}
          {showSexual && (
            <Choice label={f("sexualExploitationType")} value={value.sexualExploitationType} options={values.options("sexualExploitationType")} onChange={set("sexualExploitationType")} />
          )}
        </div>
      )}
      <Checks legend={f("meansOfControl")} values={value.meansOfControl} options={values.options("meansOfControl")} onChange={set("meansOfControl")} />
      <div className="grid2">
        <Choice label={f("recruitmentMethod")} value={value.recruitmentMethod} options={values.options("recruitmentMethod")} onChange={set("recruitmentMethod")} />
        <Choice label={f("recruitmentCountry")} value={value.recruitmentCountry} options={values.countries} onChange={set("recruitmentCountry")} />
        <Choice label={f("relationshipToTrafficker")} value={value.relationshipToTrafficker} options={values.options("relationshipToTrafficker")} onChange={set("relationshipToTrafficker")} />
      </div>
      <Checks legend={f("languages")} values={value.languages} options={values.options("language")} onChange={set("languages")} />
      {identity && <IdentityFields legend={t(identity === "replace" ? "identityReplace" : "identityApart")} value={value.identity} onChange={set("identity")} />}
    </div>
  );
}

// The HTCDS value lists of victim and perpetrator fields (GET /api/v1/reference/victim-values),
// fetched once per language with titles in it, and country names for ISO 3166 codes.
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { useData } from "../ui.jsx";

const cache = new Map();

function load(lang) {
  if (!cache.has(lang)) {
    cache.set(
      lang,
      Promise.all([api.get("/api/v1/reference/victim-values"), api.get("/api/v1/countries")]).catch((e) => {
        cache.delete(lang);
        throw e;
      }),
    );
  }
  return cache.get(lang);
}

// Citizenships seen at the Bolivia–Peru border besides the configured countries; any ISO 3166
// alpha-2 code is valid, these are offered so that a person's nationality is a choice, not typing.
const region = ["AR", "BR", "CL", "CO", "EC", "PY", "UY", "VE", "MX", "HT", "DO", "CU", "CN", "ES", "US"];

/**
 * The value lists in the chosen language: `options(field)` for a picker, `title(field, code)` for
 * a code shown to a person; `countries` (configured ones first) and `country(code)` likewise.
 */
export function useVictimValues() {
  const { lang, locale } = useI18n();
  const data = useData(() => load(lang), [lang]);
  const [lists, configured] = data.data ?? [null, []];
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const country = (code) => {
    if (!code) return "";
    const known = configured.find((c) => c.code === code);
    return known ? (lang === "en" ? known.nameEn : known.name) : names.of(code);
  };
  const others = region
    .filter((c) => !configured.some((k) => k.code === c))
    .map((code) => ({ code, title: names.of(code) }))
    .sort((a, b) => a.title.localeCompare(b.title, locale));
  return {
    ready: !!lists,
    loading: data.loading,
    error: data.error,
    options: (field) => lists?.[field]?.values ?? [],
    title: (field, code) => (code == null ? "" : (lists?.[field]?.values.find((v) => v.code === code)?.title ?? code)),
    countries: [...configured.map((c) => ({ code: c.code, title: country(c.code) })), ...others],
    country,
  };
}

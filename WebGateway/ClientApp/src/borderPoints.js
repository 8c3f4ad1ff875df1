// The border points of the deployment (GET /api/v1/border-points), fetched once per language
// with names in it. A case stores a border point's code; cases stored before the list existed
// may hold free text, which is shown as it is.
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { useData } from "./ui.jsx";

const cache = new Map();

function load(lang) {
  if (!cache.has(lang)) {
    cache.set(
      lang,
      api.get("/api/v1/border-points").catch((e) => {
        cache.delete(lang);
        throw e;
      }),
    );
  }
  return cache.get(lang);
}

/** `points` ({code, name, countries}) in the chosen language, and `name(code)` for a stored value. */
export function useBorderPoints() {
  const { lang } = useI18n();
  const data = useData(() => load(lang), [lang]);
  const points = data.data ?? [];
  const name = (code) => points.find((p) => p.code === code)?.name ?? code ?? "";
  return { points, name, error: data.error, ready: !!data.data };
}

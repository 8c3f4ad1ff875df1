// Workflow definitions, fetched once per page load: the localized titles of states and triggers.
import { api } from "./api.js";
import { useData } from "./ui.jsx";

const cache = new Map();

export function loadDefinition(id) {
  if (!cache.has(id)) {
    cache.set(
      id,
      api.get(`/api/v1/workflows/${encodeURIComponent(id)}`).catch((e) => {
        cache.delete(id);
        throw e;
      }),
    );
  }
  return cache.get(id);
}

/** Titles of a definition's states and triggers, by name; unknown names show as they are. */
export function titles(definition, pick) {
  const states = Object.fromEntries((definition?.states ?? []).map((s) => [s.name, pick(s.title)]));
  const triggers = Object.fromEntries((definition?.triggers ?? []).map((s) => [s.name, pick(s.title)]));
  // `key` changes only when the titles do (another definition, or another language).
  const key = definition ? `${definition.id}.${definition.version}.${pick({ es: "es", en: "en" })}` : "";
  return { key, state: (n) => states[n] || n, trigger: (n) => triggers[n] || n };
}

export function useDefinition(id) {
  return useData(() => (id ? loadDefinition(id) : Promise.resolve(null)), [id]);
}

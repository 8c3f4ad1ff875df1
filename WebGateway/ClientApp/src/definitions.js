// Workflow definitions, fetched once per page load: the localized titles of states and triggers.
// A running case keeps the version it started with, so a definition is asked for by version.
import { api } from "./api.js";
import { useData } from "./ui.jsx";

const cache = new Map();

/** A definition: the given version, or the newest when `version` is absent. */
export function loadDefinition(id, version) {
  const key = version ? `${id}@${version}` : id;
  if (!cache.has(key)) {
    cache.set(
      key,
      api.get(`/api/v1/workflows/${encodeURIComponent(id)}${version ? `?version=${version}` : ""}`).catch((e) => {
        cache.delete(key);
        throw e;
      }),
    );
  }
  return cache.get(key);
}

/**
 * Titles of a definition's states and triggers, by name. A name shows as nothing until its
 * definition has loaded: a person never reads the definition's identifiers.
 */
export function titles(definition, pick) {
  const states = Object.fromEntries((definition?.states ?? []).map((s) => [s.name, pick(s.title)]));
  const triggers = Object.fromEntries((definition?.triggers ?? []).map((s) => [s.name, pick(s.title)]));
  // `key` changes only when the titles do (another definition, or another language).
  const key = definition ? `${definition.id}.${definition.version}.${pick({ es: "es", en: "en" })}` : "";
  return { key, state: (n) => states[n] || "", trigger: (n) => triggers[n] || "" };
}

export function useDefinition(id, version) {
  return useData(() => (id ? loadDefinition(id, version) : Promise.resolve(null)), [id, version]);
}

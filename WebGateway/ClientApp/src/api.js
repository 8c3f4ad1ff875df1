// The HTTP API the UI shares with every other client: the same routes, tokens and problems.

let token = sessionStorage.getItem("enlace.token");
let onUnauthorized = () => {};
let language = "es";

/** The language the API answers titles in (Accept-Language), set by the language switch. */
export function setLanguage(value) {
  language = value;
}

export function setToken(value) {
  token = value;
  if (value) sessionStorage.setItem("enlace.token", value);
  else sessionStorage.removeItem("enlace.token");
}

export function getToken() {
  return token;
}

export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** An RFC 9457 problem the API answered, carried as an error. */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

function headers(extra) {
  const h = { Accept: "application/json", "Accept-Language": language, ...extra };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function send(method, path, body, extra) {
  const init = { method, headers: headers(extra) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  if (method === "POST") init.headers["Idempotency-Key"] = crypto.randomUUID();
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new Problem(0, { title: "network" });
  }
  if (response.status === 401 && token) onUnauthorized();
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Problem(response.status, json);
  return json;
}

/** A plain-text resource (for example a workflow graph). */
async function text(path) {
  const response = await fetch(path, { headers: headers({ Accept: "text/plain" }) });
  if (!response.ok) throw new Problem(response.status, await response.json().catch(() => null));
  return response.text();
}

export const api = {
  get: (path) => send("GET", path),
  text,
  post: (path, body) => send("POST", path, body ?? {}),
  /** Replaces a resource; `version` is sent as If-Match, so a stale edit is refused (412). */
  put: (path, body, version) => send("PUT", path, body, version == null ? undefined : { "If-Match": `"${version}"` }),
};

/** Downloads the CSV form of a list or dashboard (Accept: text/csv), as a file. */
export async function downloadCsv(path, filename) {
  const response = await fetch(path, { headers: headers({ Accept: "text/csv" }) });
  if (!response.ok) throw new Problem(response.status, await response.json().catch(() => null));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Builds a query string from the non-empty values. */
export function query(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

// Deadlines are shown in the local time of the agency that must act: agency → its country →
// the country's IANA time zone (GET /api/v1/agencies, GET /api/v1/countries), with the zone
// named, e.g. "5 ene 2027, 17:00 (hora de Lima)". Fetched once; until then, or for an agency
// the list does not know, the browser's own time is shown without a zone name.
import { api } from "./api.js";
import { useI18n } from "./i18n.jsx";
import { useData } from "./ui.jsx";

let zones = null;

function load() {
  zones ??= Promise.all([api.get("/api/v1/agencies"), api.get("/api/v1/countries")])
    .then(([agencies, countries]) => {
      const byCountry = new Map(countries.map((c) => [c.code, c.timeZone]));
      return new Map(agencies.map((a) => [a.code, byCountry.get(a.country)]).filter(([, zone]) => zone));
    })
    .catch((e) => {
      zones = null;
      throw e;
    });
  return zones;
}

// "America/La_Paz" → "La Paz".
const city = (zone) => zone.slice(zone.lastIndexOf("/") + 1).replaceAll("_", " ");

// The UTC instant of a wall-clock time in a time zone (two passes settle a daylight-saving change).
function instantIn(zone, year, month, day, hour, minute) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = Object.fromEntries(parts.formatToParts(new Date(guess)).map((x) => [x.type, Number(x.value)]));
    guess += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(guess);
}

/**
 * `due(iso, agency)`: a deadline in the agency's local time with its zone named;
 * `endOfDay("2027-01-05", agency)`: the ISO instant of 23:59 that day where the agency is.
 */
export function useDeadlines() {
  const { t, locale, date } = useI18n();
  const data = useData(load, []);
  const zoneOf = (agency) => data.data?.get(agency);
  const due = (iso, agency) => {
    const zone = zoneOf(agency);
    if (!iso || !zone) return date(iso);
    const text = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso));
    return `${text} (${t("zoneTime", { city: city(zone) })})`;
  };
  const endOfDay = (day, agency) => {
    const [year, month, dayOfMonth] = day.split("-").map(Number);
    const zone = zoneOf(agency);
    return (zone ? instantIn(zone, year, month, dayOfMonth, 23, 59) : new Date(`${day}T23:59:00`)).toISOString();
  };
  return { due, endOfDay };
}

// Which browser origins may talk to the API with the user's cookie: the app's own (the host the request
// was sent to) and those listed in MEDK_ALLOWED_ORIGINS. CORS answers only these, and a cross-origin
// request or WebSocket upgrade from any other page is refused outright — a WebSocket has no CORS, so
// without this check any site could open a socket with the visitor's cookie and read their data.
// Requests without an Origin header (curl, scripts, server-side calls) are not browsers acting for a
// third-party page and pass; they authenticate like any other.

/** Normalises `https://Host:443/` to `https://host` (scheme and authority, default port dropped). */
export function normaliseOrigin(origin: string): string | null {
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return u.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Parses MEDK_ALLOWED_ORIGINS (comma- or space-separated origins); an entry that is not an origin is an error. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const out: string[] = [];
  for (const raw of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const o = normaliseOrigin(raw);
    if (!o || o === "null" || new URL(raw).pathname.replace(/\/$/, "") !== "") throw new Error(`MEDK_ALLOWED_ORIGINS: «${raw}» — не адрес сайта вида https://example.ru`);
    out.push(o);
  }
  return out;
}

export interface OriginPolicy {
  /** Origins allowed besides the app's own. */
  allowed: readonly string[];
  /** Take the host from X-Forwarded-Host (behind a reverse proxy). */
  trustProxy: boolean;
}

/**
 * Whether a request carrying `origin` may act with the user's credentials: no Origin at all, the app's
 * own host (compared by host and port, so it holds behind a TLS-terminating proxy), or a listed origin.
 */
export function originAllowed(origin: string | null | undefined, headers: { host?: string | null; forwardedHost?: string | null }, policy: OriginPolicy): boolean {
  if (origin == null || origin === "") return true;
  const o = normaliseOrigin(origin);
  if (!o) return false;
  if (policy.allowed.includes(o)) return true;
  const host = (policy.trustProxy && headers.forwardedHost ? headers.forwardedHost.split(",")[0]!.trim() : headers.host) ?? "";
  if (!host) return false;
  const url = new URL(o);
  const own = new URL(`${url.protocol}//${host}`);
  return url.host === own.host;
}

export const FOREIGN_ORIGIN_MESSAGE = "Запросы с чужого сайта не принимаются";

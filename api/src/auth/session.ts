// Sessions as Lucia's guide describes them: sliding expiry, deleted on sign-out, on deactivation
// and on a password change.
import { config } from "../config.ts";
import type { DB } from "../db.ts";
import { generateToken, parseToken, secretMatches } from "./tokens.ts";

export interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** Creates a session and returns the token to hand to the client (never stored). */
export async function createSession(db: DB, userId: string, userAgent?: string | null) {
  const t = generateToken();
  const session = await db.session.create({
    data: {
      id: t.id,
      secretHash: Buffer.from(t.secretHash),
      userId,
      expiresAt: new Date(Date.now() + config.sessionTtlMs),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token: t.token, session };
}

/** Validates a presented token; renews it when more than half its lifetime has passed. */
export async function validateSessionToken(db: DB, token: string): Promise<SessionRow | null> {
  const parts = parseToken(token);
  if (!parts) return null;
  const row = await db.session.findUnique({ where: { id: parts.id } });
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
  const now = Date.now();
  if (now >= row.expiresAt.getTime()) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (row.expiresAt.getTime() - now < config.sessionTtlMs / 2) {
    row.expiresAt = new Date(now + config.sessionTtlMs);
    await db.session.update({ where: { id: row.id }, data: { expiresAt: row.expiresAt } });
  }
  return { id: row.id, userId: row.userId, expiresAt: row.expiresAt };
}

export const invalidateSession = (db: DB, sessionId: string) => db.session.deleteMany({ where: { id: sessionId } });

export const invalidateUserSessions = (db: DB, userId: string) => db.session.deleteMany({ where: { userId } });

export const SESSION_COOKIE = "medk_session";

/** The Set-Cookie header value; `Secure` everywhere but plain-http localhost. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Reads the session token from `Authorization: Bearer` or the session cookie. */
export function tokenFromHeaders(headers: { authorization?: string | null; cookie?: string | null }): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const cookie = headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === SESSION_COOKIE) return v.join("=") || null;
  }
  return null;
}

/** Whether the request came over plain http to a loopback host (the only place `Secure` is left off). */
export function isPlainLocalhost(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

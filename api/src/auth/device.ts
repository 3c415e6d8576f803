// Known devices (OWASP's "device cookie"): after a successful sign-in the browser gets a long-lived cookie
// signed with a server secret and bound to the account. With it, the owner's correct password gets in even
// while an attacker elsewhere is being slowed down on that account (see sign-in-policy.ts).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { config, env } from "../config.ts";

export const DEVICE_COOKIE = "medk_device";

let secret: Buffer | undefined;

/**
 * The signing key: SIGNIN_DEVICE_SECRET (set it alike on every instance), otherwise a random key kept in
 * the data folder so known devices survive restarts.
 */
function key(): Buffer {
  if (secret) return secret;
  const shared = env.signInDeviceSecret();
  if (shared) return (secret = Buffer.from(shared, "utf8"));
  const file = join(config.dataDir, "device-secret");
  try {
    if (existsSync(file)) return (secret = Buffer.from(readFileSync(file, "utf8").trim(), "base64url"));
    const fresh = randomBytes(32);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, fresh.toString("base64url"), { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return (secret = fresh);
  } catch {
    // A read-only data folder: known devices then last as long as this process.
    return (secret ??= randomBytes(32));
  }
}

const mac = (body: string) => createHmac("sha256", key()).update(`medk-device:v1:${body}`).digest("base64url");

/** A new device token for `userId`: "<userId>.<issued, base36 seconds>.<nonce>.<mac>". */
export function issueDeviceToken(userId: string, now = Date.now()): string {
  const body = `${userId}.${Math.floor(now / 1000).toString(36)}.${randomBytes(9).toString("base64url")}`;
  return `${body}.${mac(body)}`;
}

/**
 * The device id (its nonce) when `token` is a valid, unexpired device token of `userId`; null otherwise.
 * Bounded: anything longer than a real token is refused before hashing.
 */
export function knownDeviceId(token: string | null | undefined, userId: string | null | undefined, now = Date.now()): string | null {
  if (!token || !userId || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [uid, issued, nonce, sig] = parts as [string, string, string, string];
  if (uid !== userId) return null;
  const expected = Buffer.from(mac(`${uid}.${issued}.${nonce}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedMs = parseInt(issued, 36) * 1000;
  if (!Number.isFinite(issuedMs) || now - issuedMs > config.signInDeviceTtlMs || issuedMs - now > 60_000) return null;
  return nonce;
}

/** The Set-Cookie value for a device token: HttpOnly, SameSite=Lax, long-lived. */
export function deviceCookie(token: string, secure: boolean): string {
  const parts = [`${DEVICE_COOKIE}=${token}`, "HttpOnly", "SameSite=Lax", "Path=/", `Max-Age=${Math.floor(config.signInDeviceTtlMs / 1000)}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null;
  }
  return null;
}

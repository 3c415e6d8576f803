// Runtime settings, all from the environment so a deployment changes behaviour without code.
import { resolve } from "node:path";
import { parseAllowedOrigins } from "./shared/origin.ts";

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === "" ? fallback : Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got «${v}»`);
  return n;
};

export const config = {
  port: num("PORT", 3000),
  host: process.env.HOST ?? "0.0.0.0",
  /** Folder for the embedded database and stored files. */
  dataDir: resolve(process.env.MEDK_DATA_DIR ?? ".data"),
  /** Sessions end after this much inactivity; each use within the second half renews them. */
  sessionTtlMs: num("SESSION_TTL_HOURS", 24 * 14) * 3600_000,
  invitationTtlMs: num("INVITATION_TTL_HOURS", 72) * 3600_000,
  signInMaxFailures: num("SIGNIN_MAX_FAILURES", 10),
  signInWindowMs: num("SIGNIN_WINDOW_MINUTES", 15) * 60_000,
  uploadMaxBytes: num("UPLOAD_MAX_MB", 25) * 1024 * 1024,
  /** Largest GraphQL request body that is not an upload (JSON operation and its variables). */
  requestMaxBytes: num("GRAPHQL_BODY_MAX_KB", 1024) * 1024,
  maxPageSize: 500,
  /** Browser origins allowed besides the app's own (CORS and WebSocket upgrades with the cookie). */
  allowedOrigins: parseAllowedOrigins(process.env.MEDK_ALLOWED_ORIGINS),
};

export const storageDir = () => resolve(process.env.MEDK_STORAGE_DIR ?? `${config.dataDir}/files`);

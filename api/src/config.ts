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
  /** Sign-in policy (api/src/auth/sign-in-policy.ts, README «Вход и сессии»): failures are remembered this long. */
  signInWindowMs: num("SIGNIN_WINDOW_MINUTES", 15) * 60_000,
  /** Failures of one account from one address (or known device) before delays begin. */
  signInFreeFailures: num("SIGNIN_FREE_FAILURES", 3),
  /** The first delay; each further failure doubles it, up to the maximum. */
  signInDelayMs: num("SIGNIN_DELAY_SECONDS", 2) * 1000,
  signInMaxDelayMs: num("SIGNIN_MAX_DELAY_SECONDS", 300) * 1000,
  /** Failures of one account from all addresses before unknown devices are slowed too (known ones never). */
  signInAccountBudget: num("SIGNIN_ACCOUNT_BUDGET", 30),
  /** Failures from one address over all accounts before every account there gets delays from its first failure. */
  signInAddressBudget: num("SIGNIN_ADDRESS_BUDGET", 100),
  /** How long a browser stays a known device after a successful sign-in. */
  signInDeviceTtlMs: num("SIGNIN_DEVICE_DAYS", 365) * 86_400_000,
  uploadMaxBytes: num("UPLOAD_MAX_MB", 25) * 1024 * 1024,
  /** Largest GraphQL request body that is not an upload (JSON operation and its variables). */
  requestMaxBytes: num("GRAPHQL_BODY_MAX_KB", 1024) * 1024,
  maxPageSize: 500,
  /** Browser origins allowed besides the app's own (CORS and WebSocket upgrades with the cookie). */
  allowedOrigins: parseAllowedOrigins(process.env.MEDK_ALLOWED_ORIGINS),
};

export const storageDir = () => resolve(process.env.MEDK_STORAGE_DIR ?? `${config.dataDir}/files`);

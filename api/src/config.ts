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
  /** A password-reset link works this long, once. */
  passwordResetTtlMs: num("PASSWORD_RESET_TTL_MINUTES", 60) * 60_000,
  /** Reset requests allowed per e-mail and per client address within the window. */
  passwordResetMaxPerEmail: num("PASSWORD_RESET_MAX_PER_EMAIL", 3),
  passwordResetMaxPerIp: num("PASSWORD_RESET_MAX_PER_IP", 20),
  passwordResetWindowMs: num("PASSWORD_RESET_WINDOW_MINUTES", 60) * 60_000,
  /** Local hour (in the user's region) after which the daily digest goes out. */
  digestHour: num("DIGEST_HOUR", 8),
  /** Delivery attempts of one e-mail before its address is recorded as failed. */
  mailMaxAttempts: num("MAIL_MAX_ATTEMPTS", 6),
  /** Delivered mails are kept this long in the outbox (for support questions), then removed. */
  mailOutboxKeepDays: num("MAIL_OUTBOX_KEEP_DAYS", 30),
};

/**
 * E-mail settings, read on each use so a test (or an operator's restart) can change them. Without
 * `SMTP_URL` no mail is queued at all: invitation links are shown to the coordinator as before.
 */
export const mailSettings = () => {
  const smtpUrl = process.env.SMTP_URL?.trim() || null;
  return {
    smtpUrl,
    enabled: !!smtpUrl,
    from: process.env.MAIL_FROM?.trim() || "МЭДК <no-reply@medk.local>",
    replyTo: process.env.MAIL_REPLY_TO?.trim() || null,
    /** Where links in mails point (no trailing slash). */
    publicUrl: (process.env.PUBLIC_URL?.trim() || `http://localhost:${config.port}`).replace(/\/+$/, ""),
  };
};

export const storageDir = () => resolve(process.env.MEDK_STORAGE_DIR ?? `${config.dataDir}/files`);

/**
 * Settings read on each use rather than once at start: tests switch them per file, and a few are read
 * by code that runs before or outside the app (the database bootstrap, the scheduler). Every read of
 * the environment by api/src goes through this file.
 */
export const env = {
  /** `pnpm dev`: the web app through Vite's dev server. */
  dev: () => !!process.env.MEDK_DEV,
  production: () => process.env.NODE_ENV === "production",
  /** An external PostgreSQL; without it the embedded one runs. */
  databaseUrl: () => process.env.DATABASE_URL || null,
  /** The embedded PostgreSQL's port (a free one when unset). */
  embeddedPgPort: () => (process.env.MEDK_PG_PORT ? num("MEDK_PG_PORT", 0) : undefined),
  dbPoolSize: () => num("DB_POOL_SIZE", 10),
  /** The shared event bus of several API instances. */
  redisUrl: () => process.env.REDIS_URL || null,
  /** `MEDK_SCHEDULER=0`: this instance leaves the scans and mail schedules to the others. */
  scheduler: () => process.env.MEDK_SCHEDULER !== "0",
  deadlineScanCron: () => process.env.DEADLINE_SCAN_CRON ?? "*/15 * * * *",
  /** Behind a reverse proxy: the client address and host come from X-Forwarded-*. */
  trustProxy: () => process.env.MEDK_TRUST_PROXY === "1",
  /** `COOKIE_SECURE=false` drops the Secure flag (otherwise it is left off only on plain-http localhost). */
  insecureCookies: () => process.env.COOKIE_SECURE === "false",
  /** The known-device cookie's signing key, shared by every instance; else one kept in the data folder. */
  signInDeviceSecret: () => process.env.SIGNIN_DEVICE_SECRET || null,
  viewerCache: () => process.env.VIEWER_CACHE !== "0",
  reportCacheMs: () => num("REPORT_CACHE_SECONDS", 60) * 1000,
  reportStatementTimeoutMs: () => num("REPORT_STATEMENT_TIMEOUT_MS", 10_000),
  /** STORED_REPORT_FIGURES=0: reports compute every participation live instead of reading ParticipationFigures. */
  storedReportFigures: () => process.env.STORED_REPORT_FIGURES !== "0",
  reportFiguresCron: () => process.env.REPORT_FIGURES_CRON ?? "* * * * *",
  /** The environment of a child process (the Prisma CLI) with `extra` on top. */
  forChild: (extra: Record<string, string>) => ({ ...process.env, ...extra }),
  /**
   * adapter-node reads PROTOCOL_HEADER and HOST_HEADER when its handler is imported; an operator's own
   * values win.
   */
  setWebHeaders(protocolHeader: string, hostHeader: string) {
    process.env.PROTOCOL_HEADER ??= protocolHeader;
    process.env.HOST_HEADER ??= hostHeader;
  },
};

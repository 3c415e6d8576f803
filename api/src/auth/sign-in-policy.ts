// Sign-in throttling that slows guessing without locking the owner out (README «Вход и сессии»).
//
// Keys and rules, all over the last SIGNIN_WINDOW_MINUTES:
// - account + address (or account + known device): SIGNIN_FREE_FAILURES failures, then each further
//   attempt waits SIGNIN_DELAY_SECONDS after the previous failure, doubling up to SIGNIN_MAX_DELAY_SECONDS;
// - account over all addresses: past SIGNIN_ACCOUNT_BUDGET failures, unknown devices wait the same way
//   (a distributed attack); a known device is never slowed by others' failures;
// - address over all accounts: past SIGNIN_ADDRESS_BUDGET failures, accounts that already failed from it
//   wait from their first failure, while accounts with no failure there still sign in (a school's NAT).
//
// Atomicity: the attempt is checked and recorded as a failure in one transaction holding advisory locks
// on the account and the address, before the password is verified; success deletes it. So concurrent
// guesses see each other and no more than the allowed number is ever checked.
import { config } from "../config.ts";
import type { DB } from "../db.ts";

export interface AttemptKey {
  email: string;
  ip: string;
  /** Known-device id when a valid device cookie of this account came with the attempt. */
  device: string | null;
}

export type AttemptDecision = { ok: true; attemptId: bigint } | { ok: false; waitMs: number };

export interface DelayPolicy {
  delayMs: number;
  maxDelayMs: number;
}

/**
 * How long an attempt must still wait after `failures` failures, the last at `lastAt`, when the first
 * `free` are free: delay × 2^(failures − free), capped.
 */
export function requiredWaitMs(failures: number, lastAt: Date | null, free: number, now: number, p: DelayPolicy = { delayMs: config.signInDelayMs, maxDelayMs: config.signInMaxDelayMs }): number {
  if (!lastAt || failures < free) return 0;
  const exp = Math.min(failures - free, 30);
  const delay = Math.min(p.delayMs * 2 ** exp, p.maxDelayMs);
  return Math.max(0, lastAt.getTime() + delay - now);
}

type Stats = { n: bigint; last: Date | null };

/** Checks the policy and, when the attempt may proceed, records it (as a failure until it succeeds). */
export async function beginAttempt(db: DB, key: AttemptKey): Promise<AttemptDecision> {
  // Rows past the window of e-mails nobody tries again (sprayed guesses) are swept now and then, amortised
  // over attempts, so the table stays the size of one window.
  if (Math.random() < 0.01) void db.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - config.signInWindowMs) } } }).catch(() => {});
  return db.$transaction(
    async (tx) => {
      // Account lock first, then address: one order everywhere, so no deadlock.
      await tx.$queryRaw`SELECT 1 AS x FROM (SELECT pg_advisory_xact_lock(hashtextextended(${"medk-signin:email:" + key.email}, 0))) l`;
      await tx.$queryRaw`SELECT 1 AS x FROM (SELECT pg_advisory_xact_lock(hashtextextended(${"medk-signin:ip:" + key.ip}, 0))) l`;
      const now = Date.now();
      const since = new Date(now - config.signInWindowMs);
      // Rows of this account past the window are no longer needed: keep the table small.
      await tx.signInFailure.deleteMany({ where: { email: key.email, createdAt: { lt: since } } });
      const [pair] = key.device
        ? await tx.$queryRaw<Stats[]>`SELECT count(*) AS n, max("createdAt") AS last FROM "SignInFailure" WHERE email = ${key.email} AND device = ${key.device} AND "createdAt" >= ${since}`
        : await tx.$queryRaw<Stats[]>`SELECT count(*) AS n, max("createdAt") AS last FROM "SignInFailure" WHERE email = ${key.email} AND ip = ${key.ip} AND device IS NULL AND "createdAt" >= ${since}`;
      let wait: number;
      if (key.device) {
        wait = requiredWaitMs(Number(pair!.n), pair!.last, config.signInFreeFailures, now);
      } else {
        const [[account], [address]] = await Promise.all([
          tx.$queryRaw<Stats[]>`SELECT count(*) AS n, max("createdAt") AS last FROM "SignInFailure" WHERE email = ${key.email} AND "createdAt" >= ${since}`,
          tx.$queryRaw<Stats[]>`SELECT count(*) AS n, max("createdAt") AS last FROM "SignInFailure" WHERE ip = ${key.ip} AND "createdAt" >= ${since}`,
        ]);
        const free = Number(address!.n) >= config.signInAddressBudget ? 0 : config.signInFreeFailures;
        wait = Math.max(requiredWaitMs(Number(pair!.n), pair!.last, free, now), requiredWaitMs(Number(account!.n), account!.last, config.signInAccountBudget, now));
      }
      if (wait > 0) return { ok: false as const, waitMs: wait };
      const row = await tx.signInFailure.create({ data: { email: key.email, ip: key.ip, device: key.device }, select: { id: true } });
      return { ok: true as const, attemptId: row.id };
      // A burst of attempts queues for the pool and the account lock; each transaction itself is a few ms.
    },
    { maxWait: 20_000, timeout: 10_000 },
  );
}

/** A successful sign-in: forgets the attempt and the earlier failures of the same account and address/device. */
export async function attemptSucceeded(db: DB, key: AttemptKey, attemptId: bigint) {
  await db.signInFailure.deleteMany({
    where: { OR: [{ id: attemptId }, key.device ? { email: key.email, device: key.device } : { email: key.email, ip: key.ip, device: null }] },
  });
}

/** «через 8 с» / «через 5 мин» for the refusal message. */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 60 ? `${s} с` : `${Math.ceil(s / 60)} мин`;
}

// The report-figures job: keeps the stored per-participation figures (sql/stored.ts) fresh. Runs on the
// deadline scheduler's pg-boss (one instance per cron tick, a `stately` queue: at most one waiting and one
// running), every minute by default (REPORT_FIGURES_CRON) and once at start. Reports are exact without it
// — stale participations are computed live — so the job only bounds how many of them a report computes:
// those written since its last run and those whose date-dependent counts have moved on since.
import type PgBoss from "pg-boss";
import type { DB } from "../../db.ts";
import { refreshStoredFigures } from "./sql/stored.ts";
import { env } from "../../config.ts";

export const REPORT_FIGURES_QUEUE = "report-figures";

/** Registers the queue, its cron schedule (null: none on this instance) and the worker; queues one run now. */
export async function registerFiguresJob(boss: PgBoss, db: DB, opts: { cron?: string | null; pollingIntervalSeconds?: number } = {}) {
  await boss.createQueue(REPORT_FIGURES_QUEUE, { name: REPORT_FIGURES_QUEUE, policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 });
  const cron = opts.cron === undefined ? env.reportFiguresCron() : opts.cron;
  if (cron) await boss.schedule(REPORT_FIGURES_QUEUE, cron, {}, { tz: "UTC" });
  await boss.work(REPORT_FIGURES_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10 }, async () => ({ stored: await refreshStoredFigures(db) }));
  await boss.send(REPORT_FIGURES_QUEUE, {});
}

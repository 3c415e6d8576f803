// The deadline scheduler: pg-boss on the application's own PostgreSQL (its tables live in the `pgboss`
// schema). A cron schedule queues a `deadline-scan` job every few minutes; pg-boss lets only one
// instance enqueue per cron tick and the `stately` queue keeps at most one waiting and one running job,
// so several API instances share the work. Idempotence does not rest on that: the scan itself writes
// each alert once (see scan.ts).
import PgBoss from "pg-boss";
import type { DB } from "../../db.ts";
import type { PubSub } from "../../pubsub.ts";
import { runDeadlineScan, type ScanResult, type ScanScope } from "./scan.ts";
import { registerFiguresJob } from "../report/figures-job.ts";
import { env } from "../../config.ts";

export const DEADLINE_QUEUE = "deadline-scan";

/** What a queued scan may carry: a fixed moment and a territory (both optional; the cron job has neither). */
export interface DeadlineJob {
  now?: string;
  municipalityIds?: string[];
}

export interface SchedulerOptions {
  /** The PostgreSQL connection string (the same database as the application). */
  databaseUrl: string;
  db: DB;
  pubsub: PubSub;
  /** Cron expression of the scan (default every 15 minutes, `DEADLINE_SCAN_CRON`); null: this instance registers no schedule (runs enqueued jobs only). */
  cron?: string | null;
  /** Schema of pg-boss's tables (default `pgboss`). */
  schema?: string;
  /** How often an idle worker polls for jobs, in seconds (default 10). */
  pollingIntervalSeconds?: number;
  /** Called after each scan (logging, tests). */
  onScan?: (result: ScanResult, job: DeadlineJob) => void;
}

export interface Scheduler {
  boss: PgBoss;
  /** Queues one scan now (with an optional fixed moment and scope); resolves to the job id. */
  enqueue(job?: DeadlineJob): Promise<string | null>;
  stop(): Promise<void>;
}

/** Starts pg-boss, the cron schedule and the worker that runs {@link runDeadlineScan}. */
export async function startScheduler(opts: SchedulerOptions): Promise<Scheduler> {
  const boss = new PgBoss({
    connectionString: opts.databaseUrl,
    schema: opts.schema ?? "pgboss",
    max: 3,
    application_name: "medk-deadline-scheduler",
  });
  // pg-boss reports connection trouble as events; an unhandled "error" event would end the process.
  // While the database is down every poll fails: one line per ten seconds is enough. pg-boss keeps polling
  // and resumes by itself once the database is back; jobs wait in their table meanwhile.
  let lastError = 0;
  boss.on("error", (e) => {
    if (Date.now() - lastError < 10_000) return;
    lastError = Date.now();
    console.error("Планировщик сроков (pg-boss):", e.message);
  });
  await boss.start();
  await boss.createQueue(DEADLINE_QUEUE, {
    name: DEADLINE_QUEUE,
    policy: "stately",
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 15 * 60,
  });
  const cron = opts.cron === undefined ? env.deadlineScanCron() : opts.cron;
  if (cron) await boss.schedule(DEADLINE_QUEUE, cron, {}, { tz: "UTC" });
  await boss.work<DeadlineJob>(DEADLINE_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10 }, async ([job]) => {
    const data: DeadlineJob = job?.data ?? {};
    const scope: ScanScope = data.municipalityIds ? { municipalityIds: data.municipalityIds } : {};
    const result = await runDeadlineScan(opts.db, opts.pubsub, data.now ? new Date(data.now) : new Date(), scope);
    opts.onScan?.(result, data);
    return result;
  });
  // The stored report figures share this pg-boss (same coordination across instances).
  await registerFiguresJob(boss, opts.db, { cron: opts.cron === null ? null : undefined, pollingIntervalSeconds: opts.pollingIntervalSeconds });
  return {
    boss,
    enqueue: (job = {}) => boss.send(DEADLINE_QUEUE, job as object),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

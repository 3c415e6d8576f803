// The mail worker: pg-boss on the application's PostgreSQL (like the deadline scheduler).
//   mail-send   one job per outbox row ({ outboxId }); the row's own state machine makes it idempotent,
//               so a duplicate job (a kick and the sweep racing) sends nothing twice.
//   mail-sweep  every minute: queues a job for each PENDING row that is due — rows whose job was lost in
//               a crash between commit and kick, and rows waiting out their back-off — and tidies the
//               outbox (see tidyOutbox).
//   mail-digest every hour: the daily digest of curators and coordinators, once their region's clock has
//               passed DIGEST_HOUR (08:00) and they have not had today's.
import PgBoss from "pg-boss";
import type { Transporter } from "nodemailer";
import type { DB } from "../../db.ts";
import { runDigest } from "./digest.ts";
import { clearMailKicker, kickMail, setMailKicker, type MailKicker } from "./outbox.ts";
import { backoffSeconds, deliver, dueOutboxIds, smtpTransport, closeSmtpTransport, tidyOutbox, type DeliverOptions } from "./sender.ts";

export const MAIL_SEND_QUEUE = "mail-send";
export const MAIL_SWEEP_QUEUE = "mail-sweep";
export const MAIL_DIGEST_QUEUE = "mail-digest";

export interface MailWorkerOptions {
  databaseUrl: string;
  db: DB;
  /** Schema of pg-boss's tables (default `pgboss`, shared with the deadline scheduler). */
  schema?: string;
  /** Register the sweep and digest schedules (default true); false: this instance only sends. */
  schedules?: boolean;
  pollingIntervalSeconds?: number;
  /** The SMTP transport (default: SMTP_URL's). */
  transport?: Transporter;
  deliverOptions?: DeliverOptions;
}

export interface MailWorker {
  boss: PgBoss;
  /** Queues every due PENDING row now; resolves to how many. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the mail worker; resolves to null when SMTP is not configured (nothing to send). */
export async function startMailWorker(opts: MailWorkerOptions): Promise<MailWorker | null> {
  const transport = opts.transport ?? smtpTransport();
  if (!transport) return null;
  const boss = new PgBoss({ connectionString: opts.databaseUrl, schema: opts.schema ?? "pgboss", max: 3, application_name: "medk-mail" });
  boss.on("error", (e) => console.error("Почта (pg-boss):", e.message));
  await boss.start();
  await boss.createQueue(MAIL_SEND_QUEUE, { name: MAIL_SEND_QUEUE, policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 });
  await boss.createQueue(MAIL_SWEEP_QUEUE, { name: MAIL_SWEEP_QUEUE, policy: "stately", expireInSeconds: 5 * 60 });
  await boss.createQueue(MAIL_DIGEST_QUEUE, { name: MAIL_DIGEST_QUEUE, policy: "stately", retryLimit: 2, retryDelay: 300, expireInSeconds: 30 * 60 });
  if (opts.schedules !== false) {
    await boss.schedule(MAIL_SWEEP_QUEUE, "* * * * *", {}, { tz: "UTC" });
    await boss.schedule(MAIL_DIGEST_QUEUE, "0 * * * *", {}, { tz: "UTC" });
  }
  const enqueue = async (ids: string[]) => {
    if (ids.length) await boss.insert(ids.map((outboxId) => ({ name: MAIL_SEND_QUEUE, data: { outboxId } })));
  };
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 };
  await boss.work<{ outboxId: string }>(MAIL_SEND_QUEUE, { ...polling, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) {
      const result = await deliver(opts.db, transport, job.data.outboxId, opts.deliverOptions);
      if (result === "retry") {
        const row = await opts.db.mailOutbox.findUnique({ where: { id: job.data.outboxId }, select: { attempts: true } });
        await boss.send(MAIL_SEND_QUEUE, { outboxId: job.data.outboxId }, { startAfter: backoffSeconds(row?.attempts ?? 1) });
      }
    }
  });
  const sweep = async () => {
    const ids = await dueOutboxIds(opts.db);
    await enqueue(ids);
    return ids.length;
  };
  await boss.work(MAIL_SWEEP_QUEUE, polling, async () => ({ queued: await sweep(), ...(await tidyOutbox(opts.db)) }));
  await boss.work(MAIL_DIGEST_QUEUE, polling, async () => {
    const r = await runDigest(opts.db, new Date());
    kickMail(r.outboxIds);
    return { queued: r.outboxIds.length, users: r.considered };
  });
  const kicker: MailKicker = { kick: enqueue };
  setMailKicker(kicker);
  return {
    boss,
    sweep,
    async stop() {
      clearMailKicker(kicker);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      if (!opts.transport) closeSmtpTransport();
    },
  };
}

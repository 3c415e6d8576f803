// A mail-enabled world for one test file: a real SMTP server on loopback, SMTP_URL and PUBLIC_URL pointing
// at it and at this file's API server, and the real mail worker (pg-boss in a schema of its own) — all on
// the file's own copy of the fresh database, since the worker's sweep sends every pending row of the
// outbox and would otherwise deliver other files' mail to this file's SMTP server.
import { randomUUID } from "node:crypto";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { startSmtp, type TestSmtp } from "../../testkit/smtp.ts";
import { startMailWorker, type MailWorker, type MailWorkerOptions } from "../../../api/src/modules/mail/worker.ts";
import { closeSmtpTransport } from "../../../api/src/modules/mail/sender.ts";
import { cloneDatabase } from "../../testkit/database.ts";

export interface MailWorld {
  s: TestServer;
  smtp: TestSmtp;
  worker: MailWorker;
  /** pg-boss's schema of this file. */
  schema: string;
  stop(): Promise<void>;
}

export async function startMailWorld(opts: Partial<MailWorkerOptions> = {}): Promise<MailWorld> {
  const copy = await cloneDatabase(process.env.MEDK_TEST_TEMPLATE_URL!, "mail");
  const sharedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = copy.url;
  const smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "МЭДК <noreply@medk.test>";
  process.env.MAIL_REPLY_TO = "support@medk.test";
  const s = await startServer();
  process.env.PUBLIC_URL = s.url;
  const schema = `pgboss_mail_${randomUUID().slice(0, 8)}`;
  const worker = (await startMailWorker({ databaseUrl: copy.url, db: s.db, schema, schedules: false, pollingIntervalSeconds: 0.5, ...opts }))!;
  return {
    s,
    smtp,
    worker,
    schema,
    async stop() {
      await worker.stop();
      closeSmtpTransport();
      await s.stop();
      await smtp.stop();
      delete process.env.SMTP_URL;
      process.env.DATABASE_URL = sharedUrl;
      await copy.drop();
    },
  };
}

/** The path and query of the first link in a mail's text that starts with PUBLIC_URL + prefix. */
export function linkIn(text: string, base: string, prefix: string): string {
  const m = new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(${prefix}[^\\s»"<]+)`).exec(text);
  if (!m) throw new Error(`no ${base}${prefix}… link in:\n${text}`);
  return m[1]!;
}

/** Polls until the check holds: the worker marks a row SENT only after the SMTP server has accepted it. */
export async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Delivering one outbox row: a state machine that never sends a row twice.
//   PENDING --claim--> SENDING --SMTP accepted--> SENT
//                         |--temporary failure--> PENDING (next attempt later, back-off)
//                         |--rejected (5xx) or out of attempts--> FAILED (address recorded on the user)
// The claim commits before the SMTP conversation. A crash after the server accepted the message leaves
// the row SENDING, and a SENDING row is never claimed again: at most once, never twice. The message
// carries a stable Message-ID (<outbox id@host>) so that a reader can tell it apart too.
import nodemailer, { type Transporter } from "nodemailer";
import { config, mailSettings } from "../../config.ts";
import type { DB } from "../../db.ts";

export type DeliveryResult = "sent" | "skipped" | "retry" | "failed";

export interface DeliverOptions {
  /** Attempts before giving up (default MAIL_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Test hook: runs after the SMTP server accepted the message and before the row is marked SENT. */
  afterSend?: (id: string) => void | Promise<void>;
  now?: () => Date;
}

/** Seconds to wait before attempt n+1 after n failed attempts: 30 s, 2 min, 8 min, 32 min, … capped at 6 h. */
export const backoffSeconds = (attempts: number) => Math.min(30 * 4 ** Math.max(0, attempts - 1), 6 * 3600);

let cached: { url: string; transport: Transporter } | null = null;

/** The SMTP transport of SMTP_URL (one pooled transport per URL); null when mail is off. */
export function smtpTransport(): Transporter | null {
  const s = mailSettings();
  if (!s.smtpUrl) return null;
  if (cached?.url !== s.smtpUrl) {
    cached?.transport.close();
    cached = { url: s.smtpUrl, transport: nodemailer.createTransport(s.smtpUrl) };
  }
  return cached.transport;
}

/** Closes the cached transport (shutdown, tests). */
export function closeSmtpTransport() {
  cached?.transport.close();
  cached = null;
}

interface SmtpError {
  message?: string;
  responseCode?: number;
  response?: string;
  code?: string;
}

const describe = (e: SmtpError) => (e.response ?? e.message ?? String(e)).slice(0, 500);

const messageIdHost = (publicUrl: string) => {
  try {
    return new URL(publicUrl).hostname || "medk.local";
  } catch {
    return "medk.local";
  }
};

/** Sends one outbox row if it is still PENDING and due; see the state machine above. */
export async function deliver(db: DB, transport: Transporter, id: string, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const maxAttempts = opts.maxAttempts ?? config.mailMaxAttempts;
  const now = opts.now?.() ?? new Date();
  // Everything that could fail on its own is settled before the claim: after it, only SMTP may fail.
  const s = mailSettings();
  const host = messageIdHost(s.publicUrl);
  // The conditional update is the claim: of two workers holding a job for the same row, one wins.
  const [row] = await db.$queryRaw<{ id: string; userId: string | null; to: string; subject: string; text: string; html: string; attempts: number }[]>`
    UPDATE "MailOutbox" SET status = 'SENDING', "claimedAt" = ${now}, attempts = attempts + 1
    WHERE id = ${id}::uuid AND status = 'PENDING' AND "nextAttemptAt" <= ${now}
    RETURNING id, "userId", "to", subject, text, html, attempts`;
  if (!row) return "skipped";
  let response: string;
  try {
    const info = await transport.sendMail({
      from: s.from,
      ...(s.replyTo ? { replyTo: s.replyTo } : {}),
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html,
      messageId: `<${row.id}@${host}>`,
    });
    response = String(info.response ?? "").slice(0, 500);
  } catch (err) {
    const e = err as SmtpError;
    const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
    if (permanent || row.attempts >= maxAttempts) {
      await db.$transaction([
        db.mailOutbox.update({ where: { id }, data: { status: "FAILED", lastError: describe(e) } }),
        ...(row.userId ? [db.user.update({ where: { id: row.userId }, data: { mailFailedAt: now, mailFailure: describe(e) } })] : []),
      ]);
      return "failed";
    }
    // Nothing was accepted: safe to try again later.
    await db.mailOutbox.update({
      where: { id },
      data: { status: "PENDING", lastError: describe(e), nextAttemptAt: new Date(now.getTime() + backoffSeconds(row.attempts) * 1000) },
    });
    return "retry";
  }
  await opts.afterSend?.(id);
  await db.$transaction([
    db.mailOutbox.update({ where: { id }, data: { status: "SENT", sentAt: new Date(), smtpResponse: response } }),
    // A delivery to the address proves it works again.
    ...(row.userId ? [db.user.updateMany({ where: { id: row.userId, email: row.to, mailFailedAt: { not: null } }, data: { mailFailedAt: null, mailFailure: null } })] : []),
  ]);
  return "sent";
}

/** Ids of rows due for an attempt (the sweep's work), oldest first, bounded. */
export async function dueOutboxIds(db: DB, now = new Date(), limit = 500): Promise<string[]> {
  const rows = await db.mailOutbox.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Housekeeping of the sweep: rows left SENDING by a crash mid-conversation are noted (never resent — the
 * server may have accepted them), and delivered rows older than MAIL_OUTBOX_KEEP_DAYS are removed, a
 * bounded batch at a time.
 */
export async function tidyOutbox(db: DB, now = new Date()): Promise<{ interrupted: number; removed: number }> {
  const interrupted = await db.mailOutbox.updateMany({
    where: { status: "SENDING", claimedAt: { lt: new Date(now.getTime() - 15 * 60_000) }, lastError: null },
    data: { lastError: "Отправка прервана сбоем: письмо могло уйти, поэтому повторно не отправляется" },
  });
  const removed = await db.$executeRaw`
    DELETE FROM "MailOutbox" WHERE id IN (
      SELECT id FROM "MailOutbox" WHERE status = 'SENT' AND "sentAt" < ${new Date(now.getTime() - config.mailOutboxKeepDays * 86400_000)} LIMIT 5000)`;
  return { interrupted: interrupted.count, removed };
}

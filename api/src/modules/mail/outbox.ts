// The outbox: mails are rows written in the caller's transaction, so a rolled-back change mails nothing
// and a committed one cannot lose its mail. After commit the caller kicks the sender (a pg-boss job per
// row); a row whose job never got queued (a crash right after commit) is found by the periodic sweep.
import { mailSettings } from "../../config.ts";
import type { Prisma } from "../../db.ts";
import type { NotificationKind } from "../../../../prisma/generated/client/enums.ts";
import { invitationMail, notificationMail, type Mail } from "./templates.ts";

export interface OutgoingMail {
  userId?: string | null;
  to: string;
  /** invitation, passwordReset, digest, or a notification kind. */
  template: string;
  mail: Mail;
}

/** Something that queues a send job for outbox rows (the running mail worker). */
export interface MailKicker {
  kick(ids: string[]): Promise<void>;
}

// The workers running in this process, newest last (normally one; a test may run two).
const kickers: MailKicker[] = [];

/** The running worker registers itself here so services can hand it fresh rows after commit. */
export function setMailKicker(k: MailKicker) {
  kickers.push(k);
}

/** A stopping worker unregisters itself (only itself: another worker of the process may still run). */
export function clearMailKicker(k: MailKicker) {
  const i = kickers.indexOf(k);
  if (i >= 0) kickers.splice(i, 1);
}

/**
 * Hands freshly committed outbox rows to the sender. Never throws: if queueing fails (or no worker runs
 * in this process) the sweep sends the rows later.
 */
export function kickMail(ids: string[]) {
  const kicker = kickers.at(-1);
  if (!ids.length || !kicker) return;
  kicker.kick(ids).catch((e) => console.error("Почта: не удалось поставить письма в очередь, их отправит обход:", (e as Error).message));
}

/** Whether mail goes out at all (SMTP_URL set). */
export const mailEnabled = () => mailSettings().enabled;

/** Writes outbox rows inside the caller's transaction; returns their ids (none when SMTP is off). */
export async function queueMail(tx: Prisma.TransactionClient, items: OutgoingMail[]): Promise<string[]> {
  if (!items.length || !mailEnabled()) return [];
  const rows = await tx.mailOutbox.createManyAndReturn({
    data: items.map((m) => ({ userId: m.userId ?? null, to: m.to, template: m.template, subject: m.mail.subject, text: m.mail.text, html: m.mail.html })),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The e-mail choice of a kind when the user has not chosen: every kind is mailed immediately. */
export const DEFAULT_MAIL_PREFERENCE = "IMMEDIATE" as const;

/**
 * Mails the notifications just written, for recipients whose preference for the kind is «immediately»
 * (digest and off are left to the digest job / nobody). One query for all recipients, whatever their number.
 * Inactive accounts and accounts without a password yet get no notification mail.
 */
export async function queueNotificationMails(
  tx: Prisma.TransactionClient,
  items: { recipientId: string; kind: NotificationKind; title: string; payload: Record<string, unknown> }[],
): Promise<string[]> {
  if (!items.length || !mailEnabled()) return [];
  const ids = [...new Set(items.map((i) => i.recipientId))];
  const users = await tx.user.findMany({
    where: { id: { in: ids }, active: true, passwordHash: { not: null } },
    select: { id: true, email: true, fullName: true, notificationPreferences: { where: { kind: { in: [...new Set(items.map((i) => i.kind))] } } } },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const base = mailSettings().publicUrl;
  const out: OutgoingMail[] = [];
  for (const n of items) {
    const u = byId.get(n.recipientId);
    if (!u) continue;
    const pref = u.notificationPreferences.find((p) => p.kind === n.kind)?.email ?? DEFAULT_MAIL_PREFERENCE;
    if (pref !== "IMMEDIATE") continue;
    out.push({ userId: u.id, to: u.email, template: n.kind, mail: notificationMail({ kind: n.kind, fullName: u.fullName, title: n.title, payload: n.payload, base }) });
  }
  return queueMail(tx, out);
}

/** Queues the invitation mail (first password link) in the caller's transaction; [] when SMTP is off. */
export function queueInvitationMail(tx: Prisma.TransactionClient, u: { id: string; email: string; fullName: string }, token: string, expiresAt: Date) {
  const base = mailSettings().publicUrl;
  return queueMail(tx, [{ userId: u.id, to: u.email, template: "invitation", mail: invitationMail({ fullName: u.fullName, url: `${base}/invite/${token}`, expiresAt, base }) }]);
}

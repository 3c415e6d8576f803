// Notifications: written in the same transaction as the change they report, published after commit.
import type { Prisma } from "../../db.ts";
import type { PubSub } from "../../pubsub.ts";
import type { NotificationKind } from "../../../../prisma/generated/client/enums.ts";
import { kickMail, queueNotificationMails } from "../mail/outbox.ts";

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  title: string;
  payload?: Prisma.InputJsonValue;
  /** Makes an alert idempotent per recipient (e.g. "measure:<id>:overdue"). */
  dedupeKey?: string;
}

/**
 * Inserts notifications inside the caller's transaction and returns a function that publishes them;
 * call it only after the transaction commits, so a rolled-back change announces nothing.
 * Rows whose dedupeKey already exists for the recipient are skipped (ON CONFLICT DO NOTHING).
 * This is the one place notifications are made, so it is also where they are mailed: recipients whose
 * preference for the kind is «immediately» get an outbox row in the same transaction (when SMTP is set),
 * and the returned function hands those rows to the mail worker after commit.
 */
export async function writeNotifications(tx: Prisma.TransactionClient, items: NewNotification[]) {
  const created: { id: number; recipientId: string }[] = [];
  const mailed: NewNotification[] = [];
  for (const n of items) {
    const rows = await tx.$queryRaw<{ id: number; recipientId: string }[]>`
      INSERT INTO "Notification" ("recipientId", kind, title, payload, "dedupeKey")
      VALUES (${n.recipientId}::uuid, ${n.kind}::"NotificationKind", ${n.title}, ${JSON.stringify(n.payload ?? {})}::jsonb, ${n.dedupeKey ?? null})
      ON CONFLICT ("recipientId", "dedupeKey") DO NOTHING
      RETURNING id, "recipientId"`;
    created.push(...rows);
    if (rows.length) mailed.push(n);
  }
  const outboxIds = await mailNotifications(tx, mailed);
  return (pubsub: PubSub) => {
    kickMail(outboxIds);
    for (const c of created) pubsub.publish("notification:created", c.recipientId, { notificationId: c.id });
    return created.length;
  };
}

/**
 * Mails notifications just inserted in `tx` to recipients who want the kind «immediately» (the deadline
 * scan, which writes alerts in bulk SQL, calls this too, so every notification is mailed by one rule).
 * Returns the outbox ids to hand to {@link kickMail} after commit.
 */
export function mailNotifications(tx: Prisma.TransactionClient, rows: { recipientId: string; kind: NotificationKind; title: string; payload?: unknown }[]): Promise<string[]> {
  return queueNotificationMails(
    tx,
    rows.map((n) => ({ recipientId: n.recipientId, kind: n.kind, title: n.title, payload: (n.payload ?? {}) as Record<string, unknown> })),
  );
}

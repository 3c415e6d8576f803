// Notifications: written in the same transaction as the change they report, published after commit.
import type { Prisma } from "../../db.ts";
import type { PubSub } from "../../pubsub.ts";
import type { NotificationKind } from "../../../../prisma/generated/client/enums.ts";

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
 */
export async function writeNotifications(tx: Prisma.TransactionClient, items: NewNotification[]) {
  const created: { id: number; recipientId: string }[] = [];
  for (const n of items) {
    const rows = await tx.$queryRaw<{ id: number; recipientId: string }[]>`
      INSERT INTO "Notification" ("recipientId", kind, title, payload, "dedupeKey")
      VALUES (${n.recipientId}::uuid, ${n.kind}::"NotificationKind", ${n.title}, ${JSON.stringify(n.payload ?? {})}::jsonb, ${n.dedupeKey ?? null})
      ON CONFLICT ("recipientId", "dedupeKey") DO NOTHING
      RETURNING id, "recipientId"`;
    created.push(...rows);
  }
  return (pubsub: PubSub) => {
    for (const c of created) pubsub.publish("notification:created", c.recipientId, { notificationId: c.id });
    return created.length;
  };
}

// The audit log: every change with who, when, before and after. Written in the same transaction as the change.
import type { Prisma } from "../../db.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  schoolId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

export async function audit(tx: Prisma.TransactionClient, e: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      schoolId: e.schoolId ?? null,
      before: json(e.before),
      after: json(e.after),
      reason: e.reason ?? null,
    },
  });
}

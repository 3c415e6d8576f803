// Curator verification of measures reported done. A DONE measure is «ожидает подтверждения» until the
// one who reviews the roadmap (the school's curator; for a municipal roadmap the regional coordinator —
// `canReviewRoadmap`) confirms it against its evidence, or returns it with a comment: the measure goes
// back to IN_PROGRESS and the owner is told why. House order: assert → validate → one transaction with
// the row, the audit and the notifications → publish after commit.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import { fail, forbidden } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canReviewRoadmap } from "../../auth/access.ts";
import type { MeasureStatus } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications } from "../notification/service.ts";
import { audienceOf } from "../notification/audience.ts";
import { published, TX } from "./target.ts";
import { guardedUpdate, loadMeasure } from "./measure-row.ts";

export type Verification = "PENDING" | "CONFIRMED" | "RETURNED";

/** Where a measure stands in verification: null when there is nothing to verify (not done, never returned). */
export function verificationOf(m: { status: MeasureStatus; confirmedAt: Date | null; returnedAt: Date | null }): Verification | null {
  if (m.status === "DONE") return m.confirmedAt ? "CONFIRMED" : "PENDING";
  return m.returnedAt && m.status !== "CANCELLED" ? "RETURNED" : null;
}

const short = (title: string) => (title.length > 120 ? `${title.slice(0, 117)}…` : title);

async function decide(ctx: Context, measureId: string, decision: "confirm" | "return", comment: string | null, expectedRevision?: number | null) {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  if (!canReviewRoadmap(viewer.act, place)) throw forbidden("Подтверждает выполнение мероприятий куратор школы (для муниципальной карты — региональный координатор)");
  if (m.status !== "DONE") throw fail("MEASURE_NOT_DONE", "Мероприятие не отмечено выполненным: подтверждать или возвращать нечего");
  const { confirmedAt } = await ctx.db.measure.findUniqueOrThrow({ where: { id: m.id }, select: { confirmedAt: true } });
  if (confirmedAt) throw fail("MEASURE_CONFIRMED", "Выполнение мероприятия уже подтверждено");
  if (decision === "return" && !comment) throw fail("COMMENT_REQUIRED", "Напишите, что нужно доработать: комментарий увидит школа");

  const publish = await ctx.db.$transaction(async (tx) => {
    const now = new Date();
    const data = decision === "confirm" ? { confirmedAt: now, confirmedById: viewer.id } : { status: "IN_PROGRESS" as const, completedAt: null, returnedAt: now, returnComment: comment };
    await guardedUpdate(tx, m, expectedRevision, data);
    if (comment) await tx.measureComment.create({ data: { measureId: m.id, authorId: viewer.id, body: comment } });
    await audit(tx, {
      actorId: viewer.id,
      action: decision === "confirm" ? "measure.confirm" : "measure.return",
      entityType: "Measure",
      entityId: m.id,
      schoolId: place.schoolId,
      before: { status: m.status, verification: "PENDING" },
      after: decision === "confirm" ? { status: "DONE", verification: "CONFIRMED" } : { status: "IN_PROGRESS", verification: "RETURNED" },
      reason: comment,
    });
    const recipients = await audienceOf(tx, place, place.participationId ? ["school", "municipal"] : ["municipal"], viewer.id);
    return writeNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: decision === "confirm" ? ("MEASURE_CONFIRMED" as const) : ("MEASURE_RETURNED" as const),
        title:
          decision === "confirm"
            ? `${viewer.fullName} подтвердил(а) выполнение мероприятия «${short(m.title)}»`
            : `${viewer.fullName} вернул(а) мероприятие «${short(m.title)}» на доработку: ${comment!.length > 200 ? `${comment!.slice(0, 197)}…` : comment}`,
        payload: { measureId: encodeGlobalID("Measure", m.id), roadmapId: encodeGlobalID("Roadmap", m.roadmapId) },
      })),
    );
  }, TX);
  publish(ctx.pubsub);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/** Confirms a measure reported done against its evidence (optionally with a comment). */
export const confirmMeasure = (ctx: Context, measureId: string, comment?: string | null, expectedRevision?: number | null) =>
  decide(ctx, measureId, "confirm", comment?.trim() || null, expectedRevision);

/** Returns a measure reported done with a comment (required): it goes back to «в работе». */
export const returnMeasure = (ctx: Context, measureId: string, comment: string, expectedRevision?: number | null) => decide(ctx, measureId, "return", comment.trim() || null, expectedRevision);

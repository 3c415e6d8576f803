// Carrying a roadmap out: progress reports, evidence (links and files) and comments. These never change
// the plan; they follow the house order too — assert access → validate → write with audit (and
// notifications) in one transaction → publish after commit.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canCommentRoadmap, type RoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { MeasureStatus } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications } from "../notification/service.ts";
import { audienceOf } from "../notification/audience.ts";
import { storeUpload } from "../file/upload.ts";
import { assertEdit, published, touchParticipation, TX } from "./target.ts";
import { assertNotCancelled, assertValid, changes, dec, guardedUpdate, loadMeasure, measureSnapshot } from "./measure-row.ts";
import type { MeasureValues } from "./validation.ts";

export interface ProgressReport {
  status?: Exclude<MeasureStatus, "CANCELLED"> | null;
  /** Undefined keeps the value, null clears it. */
  actualValue?: string | null;
  comment?: string | null;
  links?: { url: string; note?: string | null }[] | null;
}

/**
 * Reports progress: the actual value, a status (PLANNED / IN_PROGRESS / DONE), links as evidence and a
 * comment. DONE needs evidence (already attached or in this report) or a comment that says why there
 * is none. Becoming DONE stamps `completedAt`; leaving DONE clears it.
 */
export async function reportMeasureProgress(ctx: Context, measureId: string, report: ProgressReport, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  const status = report.status ?? m.status;
  const comment = report.comment?.trim() || null;
  const links = report.links ?? [];
  if (status === "DONE" && m.status !== "DONE" && !m._count.evidence && !links.length && !comment)
    throw fail("EVIDENCE_REQUIRED", "Чтобы отметить мероприятие выполненным, приложите подтверждение (файл или ссылку) или объясните в комментарии, почему его нет");
  const actualValue = report.actualValue === undefined ? dec(m.actualValue) : report.actualValue;
  assertValid({ ...m, baselineValue: dec(m.baselineValue), targetValue: dec(m.targetValue), actualValue } as MeasureValues);

  const publish = await ctx.db.$transaction(async (tx) => {
    const completedAt = status === "DONE" ? (m.status === "DONE" ? m.completedAt : new Date()) : null;
    const after = await guardedUpdate(tx, m, expectedRevision, { status, actualValue, completedAt });
    const diff = changes(measureSnapshot(m), measureSnapshot(after));
    for (const l of links) await tx.measureEvidence.create({ data: { measureId: m.id, url: l.url, note: l.note?.trim() || null, addedById: viewer.id } });
    if (diff.changed || links.length || comment)
      await audit(tx, {
        actorId: viewer.id,
        action: "measure.report",
        entityType: "Measure",
        entityId: m.id,
        schoolId: place.schoolId,
        before: diff.before,
        after: { ...diff.after, ...(links.length ? { evidenceLinks: links.map((l) => l.url) } : {}), ...(comment ? { comment } : {}) },
      });
    const publish = comment ? await writeComment(tx, viewer, m, place, comment) : null;
    await touchParticipation(tx, place);
    return publish;
  }, TX);
  publish?.(ctx.pubsub);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

async function writeComment(tx: Prisma.TransactionClient, viewer: Viewer, m: { id: string; title: string; roadmapId: string }, place: RoadmapPlace, body: string) {
  const c = await tx.measureComment.create({ data: { measureId: m.id, authorId: viewer.id, body } });
  await audit(tx, { actorId: viewer.id, action: "measure.comment", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, after: { commentId: c.id, body } });
  const recipients = await audienceOf(tx, place, place.participationId ? ["school", "curators", "municipal"] : ["municipal"], viewer.id);
  return writeNotifications(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: "MEASURE_COMMENTED" as const,
      title: `${viewer.fullName} прокомментировал(а) мероприятие «${m.title.length > 120 ? `${m.title.slice(0, 117)}…` : m.title}»`,
      payload: { measureId: encodeGlobalID("Measure", m.id), roadmapId: encodeGlobalID("Roadmap", m.roadmapId), commentId: c.id },
    })),
  );
}

/**
 * Comments on a measure: the school and other editors, the school's curator, and the coordinators above
 * it. The others who follow the roadmap are notified (MEASURE_COMMENTED).
 */
export async function commentMeasure(ctx: Context, measureId: string, body: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  if (!canCommentRoadmap(viewer.act, place)) throw forbidden("Комментировать могут школа, её куратор и координаторы");
  const publish = await ctx.db.$transaction((tx) => writeComment(tx, viewer, m, place, body.trim()), TX);
  publish(ctx.pubsub);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/** Attaches a link as evidence of a measure (editors only; not on cancelled measures). */
export async function addMeasureEvidenceLink(ctx: Context, measureId: string, url: string, note?: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  await ctx.db.$transaction(async (tx) => {
    const e = await tx.measureEvidence.create({ data: { measureId: m.id, url: url.trim(), note: note?.trim() || null, addedById: viewer.id } });
    await audit(tx, { actorId: viewer.id, action: "measure.evidence", entityType: "Measure", entityId: m.id, schoolId: place.schoolId, after: { evidenceId: e.id, url: e.url, note: e.note } });
    await touchParticipation(tx, place);
  }, TX);
  published(ctx, m.roadmapId);
  return { id: m.id };
}

/**
 * Attaches a file as evidence: the same checks and storage as concept documents (size limit, accepted
 * formats judged by content, a safe name, content-addressed storage). A failed write leaves no file.
 */
export async function addMeasureEvidenceFile(ctx: Context, measureId: string, file: File, note?: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { m, place } = await loadMeasure(ctx, viewer, measureId);
  assertEdit(viewer, place);
  assertNotCancelled(m);
  // The shared upload routine: a failed write undoes the bytes only when no concurrent upload of the
  // same content is about to reference them.
  await storeUpload(ctx.db, file, (stored) =>
    ctx.db.$transaction(async (tx) => {
      const f = await tx.storedFile.create({
        data: { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.name, uploadedById: viewer.id },
      });
      const e = await tx.measureEvidence.create({ data: { measureId: m.id, fileId: f.id, note: note?.trim() || null, addedById: viewer.id } });
      await audit(tx, {
        actorId: viewer.id,
        action: "measure.evidence",
        entityType: "Measure",
        entityId: m.id,
        schoolId: place.schoolId,
        after: { evidenceId: e.id, fileId: f.id, fileName: stored.name, size: stored.size, sha256: stored.sha256, note: e.note },
      });
      await touchParticipation(tx, place);
    }, TX),
  );
  published(ctx, m.roadmapId);
  return { id: m.id };
}

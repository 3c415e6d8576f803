// Concept documents: upload a version, submit it, approve or return it. Each call runs in the house
// order — assert access → validate → write with audit and notifications in one transaction → publish
// after commit. Status changes are guarded by the optimistic `revision` counter, so two reviewers
// racing on one document record exactly one decision.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canReviewDocument, canSeeParticipation, canUploadDocument } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { DocumentKind, ReviewDecision } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { audienceOf } from "../notification/audience.ts";
import { writeNotifications, type NewNotification } from "../notification/service.ts";
import { storeUpload, type StoredUpload } from "../file/upload.ts";
import { documentTitle } from "./validation.ts";
import { snapshotApprovedDocument } from "../pdf/snapshots.ts";

/** Transactions wait their turn on a busy pool instead of failing after Prisma's 2 s default. */
const TX = { maxWait: 15_000, timeout: 30_000 } as const;

const participationSelect = {
  id: true,
  schoolId: true,
  status: true,
  school: { select: { shortName: true, municipalityId: true } },
  programmeYear: { select: { coordinatorsMayReview: true } },
} satisfies Prisma.ParticipationSelect;

const documentSelect = {
  id: true,
  participationId: true,
  kind: true,
  riskFactorId: true,
  status: true,
  revision: true,
  riskFactor: { select: { title: true } },
  participation: { select: participationSelect },
} satisfies Prisma.DocumentSelect;

type DocumentCtx = Prisma.DocumentGetPayload<{ select: typeof documentSelect }>;
type ParticipationCtx = Prisma.ParticipationGetPayload<{ select: typeof participationSelect }>;

async function loadDocument(ctx: Context, viewer: Viewer, documentId: string): Promise<DocumentCtx> {
  const doc = await ctx.db.document.findUnique({ where: { id: documentId }, select: documentSelect });
  if (!doc || !canSeeParticipation(viewer.read, doc.participation)) throw notFound("Документ не найден");
  return doc;
}

const reviewTarget = (doc: DocumentCtx) => ({
  participationId: doc.participationId,
  municipalityId: doc.participation.school.municipalityId,
  coordinatorsMayReview: doc.participation.programmeYear.coordinatorsMayReview,
});

/** Whether the viewer may decide on this document (for `viewerCanReview` and the service alike). */
export const viewerMayReview = (viewer: Viewer | null, doc: DocumentCtx) => !!viewer && canReviewDocument(viewer.act, reviewTarget(doc));

const gid = encodeGlobalID;
const payloadOf = (doc: DocumentCtx, extra: Record<string, string | null> = {}) => ({
  documentId: gid("Document", doc.id),
  participationId: gid("Participation", doc.participationId),
  schoolId: gid("School", doc.participation.schoolId),
  ...extra,
});

/** Where a document's notifications go: its school, participation and municipality. */
const placeOf = (doc: DocumentCtx) => ({
  participationId: doc.participationId,
  schoolId: doc.participation.schoolId,
  municipalityId: doc.participation.school.municipalityId,
});
const titleOf = (doc: { kind: DocumentKind; riskFactor: { title: string } | null }) => documentTitle(doc.kind, doc.riskFactor?.title);

// ---------------------------------------------------------------- upload

export interface UploadInput {
  file: File;
  documentId?: string | null;
  participationId?: string | null;
  kind?: DocumentKind | null;
  riskFactorId?: string | null;
  note?: string | null;
}

/**
 * Uploads a new version of a document (creating the document, as a draft, on its first upload). Only
 * the participation's school uploads, and only while the document is a draft or returned. Nothing is
 * overwritten: each upload is a new version. A failed upload leaves no file and no row.
 */
export async function uploadDocument(ctx: Context, input: UploadInput): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  // 1. access
  let target: { participation: ParticipationCtx; kind: DocumentKind; riskFactorId: string | null; existing: DocumentCtx | null };
  if (input.documentId) {
    const doc = await loadDocument(ctx, viewer, input.documentId);
    target = { participation: doc.participation, kind: doc.kind, riskFactorId: doc.riskFactorId, existing: doc };
  } else {
    const p = input.participationId ? await ctx.db.participation.findUnique({ where: { id: input.participationId }, select: participationSelect }) : null;
    if (!p || !canSeeParticipation(viewer.read, p)) throw notFound("Участие школы в проекте не найдено");
    const kind = input.kind!;
    const riskFactorId = kind === "ANTI_RISK_PROGRAMME" ? (input.riskFactorId ?? null) : null;
    const existing = await ctx.db.document.findFirst({ where: { participationId: p.id, kind, riskFactorId }, select: documentSelect });
    target = { participation: p, kind, riskFactorId, existing };
  }
  const p = target.participation;
  if (!canUploadDocument(viewer.act, p)) throw forbidden("Загружать документы может только сама школа");

  // 2. rules that need the database
  if (p.status !== "PARTICIPATING") throw fail("PARTICIPATION_CLOSED", "Школа больше не участвует в проекте в этом году: загрузка закрыта");
  assertOpenForUpload(target.existing?.status);
  if (!target.existing && target.kind === "ANTI_RISK_PROGRAMME") {
    const chosen = await ctx.db.riskProfileEntry.findFirst({
      where: { riskFactorId: target.riskFactorId ?? undefined, chosen: true, profile: { participationId: p.id } },
      select: { id: true },
    });
    if (!chosen || !target.riskFactorId) throw fail("RISK_NOT_CHOSEN", "Этот фактор риска не выбран в рисковом профиле школы: программа антирисковых мер для него не нужна");
  }
  // 3. store the bytes, then the rows in one transaction; the bytes are undone if the rows fail
  const docId = await storeUpload(ctx.db, input.file, (stored) =>
    writeUpload(ctx, viewer, target, stored, input.note ?? null).catch(async (e) => {
      // Two first uploads of one document at once: the loser finds the winner's row and retries.
      if ((e as { code?: string }).code === "P2002" && !target.existing) {
        const existing = await ctx.db.document.findFirst({
          where: { participationId: p.id, kind: target.kind, riskFactorId: target.riskFactorId },
          select: documentSelect,
        });
        if (existing) return writeUpload(ctx, viewer, { ...target, existing }, stored, input.note ?? null);
      }
      throw e;
    }),
  );
  ctx.pubsub.publish("document:updated", docId, { documentId: docId });
  return { id: docId };
}

function assertOpenForUpload(status: string | undefined) {
  if (status === "SUBMITTED") throw fail("DOCUMENT_UNDER_REVIEW", "Документ на проверке у куратора: новую версию можно загрузить после решения");
  if (status === "APPROVED") throw fail("DOCUMENT_APPROVED", "Документ уже принят: новые версии не загружаются");
}

async function writeUpload(
  ctx: Context,
  viewer: Viewer,
  target: { participation: ParticipationCtx; kind: DocumentKind; riskFactorId: string | null; existing: DocumentCtx | null },
  stored: StoredUpload,
  note: string | null,
): Promise<string> {
  const p = target.participation;
  return ctx.db.$transaction(async (tx) => {
    const doc =
      target.existing ??
      (await tx.document.create({
        data: { participationId: p.id, kind: target.kind, riskFactorId: target.riskFactorId },
        select: { id: true, revision: true },
      }));
    // The guard: the document is still open for uploads and nobody changed it since we looked.
    const { count } = await tx.document.updateMany({
      where: { id: doc.id, revision: doc.revision, status: { in: ["DRAFT", "RETURNED"] } },
      data: { revision: { increment: 1 } },
    });
    if (!count) {
      const now = await tx.document.findUnique({ where: { id: doc.id }, select: { status: true } });
      assertOpenForUpload(now?.status);
      throw fail("DOCUMENT_CHANGED", "Документ только что изменился. Обновите страницу и повторите");
    }
    const last = await tx.documentVersion.findFirst({ where: { documentId: doc.id }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    const file = await tx.storedFile.create({
      data: { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.name, uploadedById: viewer.id },
    });
    const version = await tx.documentVersion.create({
      data: { documentId: doc.id, number, fileId: file.id, uploadedById: viewer.id, note: note?.trim() || null },
    });
    await tx.participation.update({ where: { id: p.id }, data: { lastActivityAt: new Date() } });
    await audit(tx, {
      actorId: viewer.id,
      action: "document.uploaded",
      entityType: "Document",
      entityId: doc.id,
      schoolId: p.schoolId,
      after: { version: number, versionId: version.id, fileId: file.id, fileName: stored.name, size: stored.size, sha256: stored.sha256 },
    });
    return doc.id;
  }, TX);
}

// ---------------------------------------------------------------- submit

/** Sends the latest version for review (DRAFT/RETURNED → SUBMITTED); curators and the municipality are notified. */
export async function submitDocument(ctx: Context, documentId: string, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const doc = await loadDocument(ctx, viewer, documentId);
  if (!canUploadDocument(viewer.act, doc.participation)) throw forbidden("Отправлять документы на проверку может только сама школа");
  if (doc.status === "SUBMITTED") throw fail("ALREADY_SUBMITTED", "Документ уже отправлен на проверку");
  if (doc.status === "APPROVED") throw fail("DOCUMENT_APPROVED", "Документ уже принят");
  if (expectedRevision != null && expectedRevision !== doc.revision) throw fail("DOCUMENT_CHANGED", "Документ только что изменился. Обновите страницу и повторите");
  const latest = await ctx.db.documentVersion.findFirst({
    where: { documentId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, submittedAt: true },
  });
  if (!latest || latest.submittedAt) throw fail("NOTHING_TO_SUBMIT", latest ? "Загрузите исправленную версию документа перед повторной отправкой" : "Сначала загрузите файл документа");

  const recipients = await audienceOf(ctx.db, placeOf(doc), ["curators", "municipal"], viewer.id);
  const title = `Новый документ на проверке: ${titleOf(doc)} — ${doc.participation.school.shortName}`;

  const now = new Date();
  const publish = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.document.updateMany({
      where: { id: doc.id, revision: doc.revision, status: { in: ["DRAFT", "RETURNED"] } },
      data: { status: "SUBMITTED", revision: { increment: 1 }, submittedAt: now, decidedAt: null },
    });
    if (!count) throw fail("DOCUMENT_CHANGED", "Документ только что изменился. Обновите страницу и повторите");
    await tx.documentVersion.update({ where: { id: latest.id }, data: { submittedAt: now, submittedById: viewer.id } });
    await tx.participation.update({ where: { id: doc.participationId }, data: { lastActivityAt: now } });
    await audit(tx, {
      actorId: viewer.id,
      action: "document.submitted",
      entityType: "Document",
      entityId: doc.id,
      schoolId: doc.participation.schoolId,
      before: { status: doc.status, revision: doc.revision },
      after: { status: "SUBMITTED", revision: doc.revision + 1, version: latest.number },
    });
    const items: NewNotification[] = recipients.map((recipientId) => ({
      recipientId,
      kind: "DOCUMENT_SUBMITTED",
      title,
      payload: payloadOf(doc, { versionId: gid("DocumentVersion", latest.id), status: "SUBMITTED" }),
      dedupeKey: `document-submitted:${latest.id}`,
    }));
    return writeNotifications(tx, items);
  }, TX);
  publish(ctx.pubsub);
  ctx.pubsub.publish("document:updated", doc.id, { documentId: doc.id });
  return { id: doc.id };
}

// ---------------------------------------------------------------- decide

/**
 * Approves or returns the submitted version (SUBMITTED → APPROVED / RETURNED). Only an assigned
 * curator, or a coordinator above when the year allows it. Of reviewers racing on one document exactly
 * one decision is recorded; the others get ALREADY_DECIDED. The school's accounts are notified.
 */
export async function decideDocument(ctx: Context, documentId: string, decision: ReviewDecision, comment: string | null, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const doc = await loadDocument(ctx, viewer, documentId);
  if (!viewerMayReview(viewer, doc)) throw forbidden("Решение по документу принимает назначенный школе куратор");
  if (doc.status === "DRAFT") throw fail("NOT_SUBMITTED", "Документ ещё не отправлен на проверку");
  if (doc.status !== "SUBMITTED") throw fail("ALREADY_DECIDED", "Документ уже рассмотрен");
  if (expectedRevision != null && expectedRevision !== doc.revision) throw fail("DOCUMENT_CHANGED", "Документ изменился с момента открытия. Обновите страницу и повторите");
  // Two independent reads side by side: every round trip before the commit delays the school's notification.
  const [version, schoolUsers] = await Promise.all([
    ctx.db.documentVersion.findFirst({
      where: { documentId, submittedAt: { not: null } },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    }),
    audienceOf(ctx.db, placeOf(doc), ["school"], viewer.id),
  ]);
  if (!version) throw fail("NOT_SUBMITTED", "Документ ещё не отправлен на проверку");
  const approved = decision === "APPROVED";
  const title = `${approved ? "Документ принят" : "Документ возвращён на доработку"}: ${titleOf(doc)} — ${doc.participation.school.shortName}`;
  const text = comment?.trim() || null;

  const now = new Date();
  let publish;
  try {
    publish = await ctx.db.$transaction(async (tx) => {
      // The optimistic check: only the first of racing reviewers still finds it SUBMITTED at this revision.
      const { count } = await tx.document.updateMany({
        where: { id: doc.id, status: "SUBMITTED", revision: doc.revision },
        data: { status: decision, revision: { increment: 1 }, decidedAt: now },
      });
      if (!count) throw fail("ALREADY_DECIDED", "Документ уже рассмотрен");
      await tx.review.create({ data: { documentId: doc.id, versionId: version.id, decision, comment: text, reviewerId: viewer.id, createdAt: now } });
      await tx.participation.update({ where: { id: doc.participationId }, data: { lastActivityAt: now } });
      // The dated PDF copies commit with the approval or not at all (pdf/snapshots.ts).
      if (approved) await snapshotApprovedDocument(tx, { participationId: doc.participationId, documentTitle: titleOf(doc), reviewerId: viewer.id, now });
      await audit(tx, {
        actorId: viewer.id,
        action: approved ? "document.approved" : "document.returned",
        entityType: "Document",
        entityId: doc.id,
        schoolId: doc.participation.schoolId,
        before: { status: "SUBMITTED", revision: doc.revision },
        after: { status: decision, revision: doc.revision + 1, version: version.number },
        reason: text,
      });
      return writeNotifications(
        tx,
        schoolUsers.map((recipientId) => ({
          recipientId,
          kind: approved ? "DOCUMENT_APPROVED" : "DOCUMENT_RETURNED",
          title,
          payload: payloadOf(doc, { versionId: gid("DocumentVersion", version.id), status: decision, comment: text }),
          dedupeKey: `document-reviewed:${version.id}`,
        })),
      );
    }, TX);
  } catch (e) {
    // The unique review per version is the last line of the same guard.
    if ((e as { code?: string }).code === "P2002") throw fail("ALREADY_DECIDED", "Документ уже рассмотрен");
    throw e;
  }
  publish(ctx.pubsub);
  ctx.pubsub.publish("document:updated", doc.id, { documentId: doc.id });
  return { id: doc.id };
}

// Writes one concept document from its history (uploads, submissions, decisions), so that status,
// revision, timestamps, versions, reviews, notifications and audit all tell the same story.
import { randomUUID } from "node:crypto";
import type { DocumentKind, DocumentStatus, NotificationKind, Prisma, PrismaClient } from "../../generated/client/client.ts";
import { addDays } from "../lib/dates.ts";
import { demoPdf, storeFile } from "../lib/storage.ts";
import { gid } from "../lib/gid.ts";

export type Step = { t: "upload"; day: number; note?: string } | { t: "submit"; day: number } | { t: "approve"; day: number; comment?: string } | { t: "return"; day: number; comment: string };

export const KIND_TITLE: Record<DocumentKind, string> = {
  CONCEPT: "Концепция развития",
  MEDIUM_TERM_PROGRAMME: "Среднесрочная программа развития",
  ANTI_RISK_PROGRAMME: "Программа антирисковых мер",
  ROADMAP_ATTACHMENT: "Приложение к дорожной карте",
};

export interface DocumentSpec {
  participationId: string;
  schoolId: string;
  schoolName: string;
  year: number;
  kind: DocumentKind;
  riskFactor: { id: string; number: number; title: string } | null;
  history: Step[];
  /** Day offsets of the history count from here. */
  base: Date;
  uploaderId: string;
  reviewerId: string;
  /** Whether a notification counts as read: older than this many days before `now`. */
  now: Date;
}

/** A REVIEW_WAITING alert goes out when a submission waits longer than this (ProgrammeYear default). */
const REVIEW_WAIT_DAYS = 5;

function titleOf(spec: DocumentSpec): string {
  return spec.riskFactor ? `${KIND_TITLE[spec.kind]} «${spec.riskFactor.title}»` : KIND_TITLE[spec.kind];
}

export interface StoredVersion {
  sha256: string;
  size: number;
  originalName: string;
}

/** The PDFs of the uploads, written to storage before the transaction (storage is idempotent by hash). */
export async function storeVersions(spec: DocumentSpec): Promise<StoredVersion[]> {
  const uploads = spec.history.filter((s) => s.t === "upload");
  return Promise.all(
    uploads.map(async (_, i) => {
      const pdf = await demoPdf(`${titleOf(spec)} ${spec.schoolName}`, [
        `${spec.schoolName}, ${spec.year} год.${i ? ` Доработанная редакция № ${i + 1}.` : ""}`,
        "1. Анализ текущего состояния школы по итогам анкетирования руководителей, учителей, обучающихся и родителей.",
        "2. Цели и задачи на период реализации проекта «500+».",
        "3. Мероприятия, ответственные и сроки; показатели и их целевые значения.",
        "Демонстрационный документ: содержание условное.",
      ]);
      const stored = await storeFile(pdf);
      const name = i === 0 ? titleOf(spec) : `${titleOf(spec)} (доработанная, версия ${i + 1})`;
      return { ...stored, originalName: `${name}.pdf` };
    }),
  );
}

type Json = Prisma.InputJsonObject;

/**
 * Replays the history in memory (ids made here, so rows can reference each other) and returns the
 * writes: a handful of inserts in one transaction instead of a round trip per step.
 */
export function documentWrites(db: PrismaClient, spec: DocumentSpec, files: StoredVersion[]) {
  const at = (step: Step, i: number) => new Date(addDays(spec.base, step.day).getTime() + i * 60_000);
  const documentId = randomUUID();
  const title = titleOf(spec);
  const fileRows: Prisma.StoredFileCreateManyInput[] = [];
  const versions: (Prisma.DocumentVersionCreateManyInput & { id: string })[] = [];
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  const audits: Prisma.AuditEventCreateManyInput[] = [];
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const notify = (recipientId: string, kind: NotificationKind, text: string, when: Date, versionId: string, event: string) =>
    notifications.push({
      recipientId,
      kind,
      title: `${text}: ${title} — ${spec.schoolName}`,
      payload: {
        documentId: gid("Document", documentId),
        versionId: gid("DocumentVersion", versionId),
        participationId: gid("Participation", spec.participationId),
        schoolId: gid("School", spec.schoolId),
      },
      dedupeKey: `document:${versionId}:${event}`,
      createdAt: when,
      readAt: addDays(when, 2) < spec.now ? addDays(when, 1) : null,
    });
  const audit = (actorId: string, action: string, when: Date, before: Json | undefined, after: Json, reason?: string) =>
    audits.push({
      actorId,
      action,
      entityType: "Document",
      entityId: documentId,
      schoolId: spec.schoolId,
      before,
      after,
      reason,
      createdAt: when,
    });

  let status: DocumentStatus = "DRAFT";
  // Revision counts status changes (submissions and decisions), the counter the API compares on write.
  let revision = 0;
  let submittedAt: Date | null = null;
  let decidedAt: Date | null = null;
  const latest = () => versions[versions.length - 1];

  for (const [i, step] of spec.history.entries()) {
    const when = at(step, i);
    const version = latest();
    if (step.t === "upload") {
      if (status === "SUBMITTED" || status === "APPROVED") throw new Error(`demo seed: upload while ${status}`);
      const f = files[versions.length]!;
      const fileId = randomUUID();
      fileRows.push({
        id: fileId,
        ...f,
        mediaType: "application/pdf",
        uploadedById: spec.uploaderId,
        createdAt: when,
      });
      const number = versions.length + 1;
      versions.push({
        id: randomUUID(),
        documentId,
        number,
        fileId,
        uploadedById: spec.uploaderId,
        uploadedAt: when,
        note: step.note ?? null,
      });
      audit(spec.uploaderId, "document.uploaded", when, undefined, { version: number, fileId });
    } else if (step.t === "submit") {
      if (!version || version.submittedAt) throw new Error("demo seed: submit needs a fresh version");
      Object.assign(version, { submittedAt: when, submittedById: spec.uploaderId });
      audit(spec.uploaderId, "document.submitted", when, { status }, { status: "SUBMITTED", version: version.number });
      [status, submittedAt, decidedAt] = ["SUBMITTED", when, null];
      revision++;
      notify(spec.reviewerId, "DOCUMENT_SUBMITTED", "Новый документ на проверке", when, version.id, "submitted");
    } else {
      if (status !== "SUBMITTED" || !version) throw new Error(`demo seed: decision while ${status}`);
      const decision = step.t === "approve" ? "APPROVED" : "RETURNED";
      reviews.push({
        documentId,
        versionId: version.id,
        decision,
        comment: step.comment ?? null,
        reviewerId: spec.reviewerId,
        createdAt: when,
      });
      audit(spec.reviewerId, `document.${step.t === "approve" ? "approved" : "returned"}`, when, { status }, { status: decision }, step.comment);
      [status, decidedAt] = [decision, when];
      revision++;
      const approved = decision === "APPROVED";
      const text = approved ? "Документ принят" : "Документ возвращён на доработку";
      notify(spec.uploaderId, approved ? "DOCUMENT_APPROVED" : "DOCUMENT_RETURNED", text, when, version.id, "reviewed");
    }
  }
  const version = latest();
  if (status === "SUBMITTED" && version && submittedAt && addDays(submittedAt, REVIEW_WAIT_DAYS) < spec.now) {
    const text = `Документ ждёт проверки больше ${REVIEW_WAIT_DAYS} дней`;
    notify(spec.reviewerId, "REVIEW_WAITING", text, addDays(submittedAt, REVIEW_WAIT_DAYS), version.id, "review-waiting");
  }

  const n = spec.history.length;
  return [
    // A RETURNED document keeps its decision time; after a resubmission the decision is pending again.
    db.document.create({
      data: {
        id: documentId,
        participationId: spec.participationId,
        kind: spec.kind,
        riskFactorId: spec.riskFactor?.id ?? null,
        status,
        revision,
        submittedAt,
        decidedAt,
        createdAt: at(spec.history[0]!, 0),
        updatedAt: at(spec.history[n - 1]!, n - 1),
      },
    }),
    db.storedFile.createMany({ data: fileRows }),
    db.documentVersion.createMany({ data: versions }),
    ...(reviews.length ? [db.review.createMany({ data: reviews })] : []),
    db.auditEvent.createMany({ data: audits }),
    ...(notifications.length ? [db.notification.createMany({ data: notifications })] : []),
  ];
}

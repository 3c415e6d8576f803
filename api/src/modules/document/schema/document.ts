// The concept document: its type, the lists, upload, submit, approve, return and live updates.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { canReviewDocument, canSeeParticipation, canUploadDocument, documentWhere, reviewableDocumentWhere } from "../../../auth/access.ts";
import { type AccessEnded, liveEvent, whileAllowed } from "../../../auth/live-access.ts";
import type { Context, SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DomainError, notFound } from "../../../errors.ts";
import { DocumentKind, DocumentStatus } from "../../../../../prisma/generated/client/enums.ts";
import { isOverdue } from "../deadline.ts";
import { decideDocument, submitDocument, uploadDocument } from "../service.ts";
import { approveComment, documentTitle, returnComment, STATUS_LABEL, versionNote } from "../validation.ts";
import { type HistoryEntry, HistoryEntryRef } from "./document-history-entry.ts";
import { DocumentVersionNode } from "./document-version.ts";
import { deadlineOf, documentContext, REVIEWS, VERSIONS, type VersionRow } from "./rows.ts";
import { MunicipalityNode, RegionNode } from "../../territory/schema.ts";
import { RiskFactorNode } from "../../diagnostics/schema.ts";
import { SchoolNode } from "../../school/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";

export const DocumentKindEnum = builder.enumType(DocumentKind, { name: "DocumentKind", description: "Вид концептуального документа." });
export const DocumentStatusEnum = builder.enumType(DocumentStatus, {
  name: "DocumentStatus",
  description: "Статус документа: DRAFT — черновик, SUBMITTED — на проверке, APPROVED — принят, RETURNED — на доработке.",
});

export const DocumentNode = builder.prismaNode("Document", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Концептуальный документ школы за год: все версии, отправки и решения сохраняются.",
  include: documentContext,
  authScopes: (d) => ({ canSeeParticipation: { id: d.participationId, schoolId: d.participation.schoolId } }),
  fields: (t) => ({
    kind: t.expose("kind", { type: DocumentKindEnum, description: "Вид документа." }),
    title: t.string({ description: "Название документа (для антирисковой программы — с фактором риска).", resolve: (d) => documentTitle(d.kind, d.riskFactor?.title) }),
    participation: t.relation("participation", { description: "Участие школы в году проекта." }),
    riskFactor: t.relation("riskFactor", { nullable: true, description: "Фактор риска (только у программы антирисковых мер)." }),
    status: t.expose("status", { type: DocumentStatusEnum, description: "Статус." }),
    statusLabel: t.string({ description: "Статус по-русски: черновик, на проверке, принят, на доработке.", resolve: (d) => STATUS_LABEL[d.status] }),
    revision: t.exposeInt("revision", {
      description: "Счётчик изменений. Передайте его в expectedRevision, чтобы решение не легло на изменившийся документ.",
    }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true, description: "Когда последний раз отправлен на проверку." }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true, description: "Когда принято последнее решение." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда загружена первая версия." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Последнее изменение." }),
    versions: t.relation("versions", { query: VERSIONS, description: "Все версии, новые сначала." }),
    latestVersion: t.field({
      type: DocumentVersionNode,
      nullable: true,
      description: "Последняя загруженная версия.",
      select: (_a, _c, nested) => ({ versions: nested(VERSIONS) }),
      // The nested selection carries the version type's own include (file, owner).
      resolve: (d) => (d.versions[0] ?? null) as VersionRow | null,
    }),
    reviews: t.relation("reviews", { query: REVIEWS, description: "Решения проверяющих, новые сначала." }),
    history: t.field({
      type: [HistoryEntryRef],
      description: "История: каждая загрузка, отправка и решение — кто и когда, по порядку.",
      select: {
        versions: { ...VERSIONS, select: { id: true, number: true, uploadedAt: true, uploadedById: true, note: true, submittedAt: true, submittedById: true } },
        reviews: { ...REVIEWS, select: { id: true, decision: true, comment: true, reviewerId: true, createdAt: true, version: { select: { number: true } } } },
      },
      resolve: (d) => {
        const entries: HistoryEntry[] = [];
        for (const v of d.versions) {
          entries.push({ at: v.uploadedAt, action: "UPLOADED", actorId: v.uploadedById, versionNumber: v.number, comment: v.note, key: `u${v.number}` });
          if (v.submittedAt) entries.push({ at: v.submittedAt, action: "SUBMITTED", actorId: v.submittedById, versionNumber: v.number, comment: null, key: `s${v.number}` });
        }
        for (const r of d.reviews) entries.push({ at: r.createdAt, action: r.decision, actorId: r.reviewerId, versionNumber: r.version.number, comment: r.comment, key: `r${r.id}` });
        const order = { UPLOADED: 0, SUBMITTED: 1, APPROVED: 2, RETURNED: 2 } as const;
        return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.versionNumber - b.versionNumber || order[a.action] - order[b.action]);
      },
    }),
    deadline: t.field({
      type: "DateTime",
      description: "Срок: конец дня ProgrammeYear.conceptDocumentsDue по времени региона школы.",
      resolve: deadlineOf,
    }),
    overdue: t.boolean({
      description: "Просрочен: срок прошёл, а документ не на проверке и не принят.",
      resolve: (d) => isOverdue(deadlineOf(d), d.status),
    }),
    viewerCanUpload: t.boolean({
      description: "Пользователь может загрузить новую версию.",
      resolve: (d, _a, ctx) => !!ctx.viewer && canUploadDocument(ctx.viewer.act, d.participation) && d.participation.status === "PARTICIPATING" && (d.status === "DRAFT" || d.status === "RETURNED"),
    }),
    viewerCanSubmit: t.boolean({
      description: "Пользователь может отправить последнюю версию на проверку.",
      select: (_a, _c, nested) => ({ versions: nested(VERSIONS) }),
      resolve: (d, _a, ctx) => !!ctx.viewer && canUploadDocument(ctx.viewer.act, d.participation) && (d.status === "DRAFT" || d.status === "RETURNED") && !!d.versions[0] && !d.versions[0].submittedAt,
    }),
    viewerCanReview: t.boolean({
      description: "Пользователь может принять документ или вернуть его на доработку сейчас.",
      resolve: (d, _a, ctx) =>
        !!ctx.viewer &&
        d.status === "SUBMITTED" &&
        canReviewDocument(ctx.viewer.act, {
          participationId: d.participationId,
          municipalityId: d.participation.school.municipalityId,
          coordinatorsMayReview: d.participation.programmeYear.coordinatorsMayReview,
        }),
    }),
  }),
});

const errors = { types: [DomainError] };

/**
 * The document a mutation returns, with what its type needs; the relations a client selects under
 * `data` are loaded by the Prisma plugin's fallback (one object, a few queries).
 */
const reloadDocument = (ctx: Context, id: string) => ctx.db.document.findUniqueOrThrow({ where: { id }, include: documentContext });

// ---- lists ----

const DocumentFilter = builder.inputType("DocumentFilter", {
  description: "Фильтр списка документов.",
  fields: (t) => ({
    participationId: t.globalID({ for: ParticipationNode, required: false, description: "Документы одного участия." }),
    schoolId: t.globalID({ for: SchoolNode, required: false, description: "Документы школы (все годы, видимые пользователю)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Документы школ муниципалитета." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Документы школ субъекта РФ." }),
    year: t.int({ required: false, description: "Год проекта." }),
    status: t.field({ type: DocumentStatusEnum, required: false, description: "Статус." }),
    kind: t.field({ type: DocumentKindEnum, required: false, description: "Вид документа." }),
    awaitingMyReview: t.boolean({ required: false, description: "Только отправленные на проверку, по которым решение может принять пользователь." }),
  }),
});

function documentsFilter(f: typeof DocumentFilter.$inferInput | null | undefined, ctx: SignedInContext): Prisma.DocumentWhereInput {
  const v = ctx.viewer;
  const participationId = f?.participationId?.id ?? null;
  const schoolId = f?.schoolId?.id ?? null;
  const municipalityId = f?.municipalityId?.id ?? null;
  const regionId = f?.regionId?.id ?? null;
  return {
    AND: [
      documentWhere(v.read),
      participationId ? { participationId } : {},
      schoolId ? { participation: { schoolId } } : {},
      municipalityId ? { participation: { school: { municipalityId } } } : {},
      regionId ? { participation: { school: { municipality: { regionId } } } } : {},
      f?.year != null ? { participation: { programmeYear: { year: f.year } } } : {},
      f?.status ? { status: f.status } : {},
      f?.kind ? { kind: f.kind } : {},
      f?.awaitingMyReview ? { status: "SUBMITTED", ...reviewableDocumentWhere(v.act) } : {},
    ],
  };
}

const reviewQueueWhere = (ctx: SignedInContext): Prisma.DocumentWhereInput => ({
  AND: [documentWhere(ctx.viewer.read), { status: "SUBMITTED" }, reviewableDocumentWhere(ctx.viewer.act)],
});

builder.queryFields((t) => ({
  documents: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Document",
    cursor: "id",
    description: "Документы в пределах доступа пользователя, последние изменённые сначала; фильтры по участию, школе, территории, году, статусу, виду и «ждут моего решения».",
    maxSize: 500,
    args: { filter: t.arg({ type: DocumentFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.document.count({ where: documentsFilter(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) => ctx.db.document.findMany({ ...query, where: documentsFilter(args.filter, ctx), orderBy: [{ updatedAt: "desc" }, { id: "desc" }] }),
  }),
  reviewQueue: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Document",
    cursor: "id",
    description: "Очередь проверки: документы на проверке, по которым пользователь может принять решение, — дольше всех ждущие сначала.",
    maxSize: 500,
    totalCount: (_c, _a, ctx) => ctx.db.document.count({ where: reviewQueueWhere(ctx) }),
    resolve: (query, _r, _a, ctx) => ctx.db.document.findMany({ ...query, where: reviewQueueWhere(ctx), orderBy: [{ submittedAt: "asc" }, { id: "asc" }] }),
  }),
  document: t.withAuth({ signedIn: true }).prismaField({
    type: "Document",
    nullable: true,
    description: "Документ по глобальному id (в пределах доступа).",
    args: { id: t.arg.globalID({ for: DocumentNode }) },
    resolve: (query, _r, args, ctx) => ctx.db.document.findFirst({ ...query, where: { AND: [{ id: args.id.id }, documentWhere(ctx.viewer.read)] } }),
  }),
}));

// ---- mutations ----

const UploadDocumentInput = builder.inputType("UploadDocumentInput", {
  description: "Новая версия документа: файл и либо id существующего документа, либо участие и вид (для программы антирисковых мер — и фактор риска из рискового профиля).",
  fields: (t) => ({
    file: t.field({ type: "File", description: `Файл: PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF (формат проверяется по содержимому).` }),
    documentId: t.globalID({ for: DocumentNode, required: false, description: "Документ, к которому добавить версию." }),
    participationId: t.globalID({ for: ParticipationNode, required: false, description: "Участие школы (при первой загрузке документа)." }),
    kind: t.field({ type: DocumentKindEnum, required: false, description: "Вид документа (при первой загрузке)." }),
    riskFactorId: t.globalID({ for: RiskFactorNode, required: false, description: "Фактор риска — только для программы антирисковых мер." }),
    note: t.string({ required: false, validate: versionNote, description: "Примечание к версии (что изменено)." }),
  }),
});

const uploadShape = z.any().superRefine((i: Record<string, unknown>, c) => {
  if (i.documentId) {
    if (i.participationId || i.kind || i.riskFactorId) c.addIssue({ code: "custom", message: "Укажите либо documentId, либо participationId и kind — не всё вместе" });
    return;
  }
  if (!i.participationId || !i.kind) c.addIssue({ code: "custom", message: "Укажите documentId или participationId и kind" });
  if (i.kind === "ANTI_RISK_PROGRAMME" && !i.riskFactorId) c.addIssue({ code: "custom", message: "Для программы антирисковых мер укажите фактор риска (riskFactorId)" });
  if (i.kind && i.kind !== "ANTI_RISK_PROGRAMME" && i.riskFactorId) c.addIssue({ code: "custom", message: "Фактор риска указывается только для программы антирисковых мер" });
});

const REVISION = "Ожидаемый revision документа: если документ уже изменился, вернётся ошибка, а не решение вслепую.";

builder.mutationFields((t) => ({
  uploadDocument: t.field({
    type: DocumentNode,
    description: "Загрузка новой версии документа (GraphQL multipart). Только школа-участник, пока документ — черновик или на доработке. При первой загрузке создаётся документ в статусе DRAFT.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: UploadDocumentInput, validate: uploadShape }) },
    resolve: async (_r, { input }, ctx) => {
      const doc = await uploadDocument(ctx, {
        file: input.file,
        documentId: input.documentId?.id,
        participationId: input.participationId?.id ?? null,
        kind: input.kind,
        riskFactorId: input.riskFactorId?.id ?? null,
        note: input.note,
      });
      return reloadDocument(ctx, doc.id);
    },
  }),
  submitDocument: t.field({
    type: DocumentNode,
    description: "Отправляет последнюю версию на проверку (DRAFT/RETURNED → SUBMITTED); куратор и муниципальный координатор получают уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: { id: t.arg.globalID({ for: DocumentNode, description: "Документ." }), expectedRevision: t.arg.int({ required: false, description: REVISION }) },
    resolve: async (_r, args, ctx) => reloadDocument(ctx, (await submitDocument(ctx, args.id.id, args.expectedRevision)).id),
  }),
  approveDocument: t.field({
    type: DocumentNode,
    description: "Принимает отправленный документ (SUBMITTED → APPROVED). Назначенный куратор (или координатор, если это разрешено в году проекта). Школа получает уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: DocumentNode, description: "Документ." }),
      comment: t.arg.string({ required: false, validate: approveComment, description: "Комментарий (необязательно, до 5000 символов)." }),
      expectedRevision: t.arg.int({ required: false, description: REVISION }),
    },
    resolve: async (_r, args, ctx) => reloadDocument(ctx, (await decideDocument(ctx, args.id.id, "APPROVED", args.comment ?? null, args.expectedRevision)).id),
  }),
  returnDocument: t.field({
    type: DocumentNode,
    description: "Возвращает документ на доработку (SUBMITTED → RETURNED) с обязательным комментарием 1–5000 символов. Школа получает уведомление.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: DocumentNode, description: "Документ." }),
      comment: t.arg.string({ validate: returnComment, description: "Что нужно доработать (обязательно, 1–5000 символов)." }),
      expectedRevision: t.arg.int({ required: false, description: REVISION }),
    },
    resolve: async (_r, args, ctx) => reloadDocument(ctx, (await decideDocument(ctx, args.id.id, "RETURNED", args.comment, args.expectedRevision)).id),
  }),
}));

// ---- live ----

builder.subscriptionFields((t) => ({
  documentUpdated: t.withAuth({ signedIn: true }).prismaField({
    type: "Document",
    description: "Документ после каждого изменения (новая версия, отправка, решение) — для открытой страницы документа.",
    args: { id: t.arg.globalID({ for: DocumentNode, description: "Документ." }) },
    subscribe: async (_r, args, ctx) => {
      const doc = await ctx.db.document.findUnique({
        where: { id: args.id.id },
        select: { participation: { select: { id: true, schoolId: true } } },
      });
      if (!doc || !canSeeParticipation(ctx.viewer.read, doc.participation)) throw notFound("Документ не найден");
      // Access is asked again whenever the viewer's access changes (a curator unassigned, a role taken away).
      return whileAllowed(ctx, ctx.pubsub.subscribe("document:updated", args.id.id), (v) => canSeeParticipation(v.read, doc.participation));
    },
    resolve: (query, event: { documentId: string } | AccessEnded, _a, ctx) => ctx.db.document.findUniqueOrThrow({ ...query, where: { id: liveEvent(event).documentId } }),
  }),
}));

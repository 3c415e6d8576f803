// Document, its versions, reviews and history, and what a participation owes.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canReviewDocument, canUploadDocument } from "../../../auth/access.ts";
import type { Context } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DocumentKind, DocumentStatus, ReviewDecision } from "../../../../../prisma/generated/client/enums.ts";
import { actorOf, type Actor } from "../actors.ts";
import { endOfDayIn, isOverdue, owedDocuments } from "../deadline.ts";
import { versionFilePath } from "../files.ts";
import { documentTitle, NOT_UPLOADED_LABEL, STATUS_LABEL } from "../validation.ts";

export const DocumentKindEnum = builder.enumType(DocumentKind, { name: "DocumentKind", description: "Вид концептуального документа." });
export const DocumentStatusEnum = builder.enumType(DocumentStatus, {
  name: "DocumentStatus",
  description: "Статус документа: DRAFT — черновик, SUBMITTED — на проверке, APPROVED — принят, RETURNED — на доработке.",
});
export const ReviewDecisionEnum = builder.enumType(ReviewDecision, {
  name: "ReviewDecision",
  description: "Решение проверяющего: APPROVED — принять, RETURNED — вернуть на доработку.",
});

const HistoryActionEnum = builder.enumType("DocumentHistoryAction", {
  description: "Событие истории документа.",
  values: {
    UPLOADED: { description: "Загружена версия." },
    SUBMITTED: { description: "Версия отправлена на проверку." },
    APPROVED: { description: "Документ принят." },
    RETURNED: { description: "Документ возвращён на доработку." },
  } as const,
});

export const ActorRef = builder.objectRef<Actor>("DocumentActor").implement({
  description: "Участник истории документа (кто загрузил, отправил или рассмотрел).",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id пользователя.", resolve: (a) => encodeGlobalID("User", a.id) }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
  }),
});

const actorField = (ctx: Context, id: string | null) => actorOf(ctx, id);

// What every loaded document carries: where it belongs (for access, deadline and rules) and its risk's title.
export const documentContext = {
  riskFactor: { select: { title: true } },
  participation: {
    select: {
      id: true,
      schoolId: true,
      status: true,
      school: { select: { shortName: true, municipalityId: true, municipality: { select: { region: { select: { timeZone: true } } } } } },
      programmeYear: { select: { year: true, conceptDocumentsDue: true, coordinatorsMayReview: true } },
    },
  },
} satisfies Prisma.DocumentInclude;

/** Versions are always read newest first, so every field asking for them shares one query. */
const VERSIONS = { orderBy: { number: "desc" } } satisfies Prisma.Document$versionsArgs;
const REVIEWS = { orderBy: [{ createdAt: "desc" }, { id: "desc" }] } satisfies Prisma.Document$reviewsArgs;

const documentOwner = { select: { participationId: true, participation: { select: { schoolId: true } } } } as const;

type DocumentRow = Prisma.DocumentGetPayload<{ include: typeof documentContext }>;
type VersionRow = Prisma.DocumentVersionGetPayload<{ include: { file: true; document: typeof documentOwner } }>;
type ReviewRow = Prisma.ReviewGetPayload<{ include: { document: typeof documentOwner } }>;

const deadlineOf = (d: DocumentRow) => endOfDayIn(d.participation.programmeYear.conceptDocumentsDue, d.participation.school.municipality.region.timeZone);

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

export const DocumentVersionNode = builder.prismaNode("DocumentVersion", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Загруженная версия документа; версии не перезаписываются и не удаляются.",
  include: { file: true, document: documentOwner },
  authScopes: (v) => ({ canSeeParticipation: { id: v.document.participationId, schoolId: v.document.participation.schoolId } }),
  fields: (t) => ({
    number: t.exposeInt("number", { description: "Номер версии (1, 2, …)." }),
    fileName: t.string({ description: "Исходное имя файла.", resolve: (v) => v.file.originalName }),
    size: t.int({ description: "Размер в байтах.", resolve: (v) => v.file.size }),
    mediaType: t.string({ description: "MIME-тип, определённый по содержимому.", resolve: (v) => v.file.mediaType }),
    sha256: t.string({ description: "SHA-256 содержимого (hex).", resolve: (v) => v.file.sha256 }),
    downloadUrl: t.string({
      description: "Путь для скачивания (/files/versions/<id>/<имя файла>); доступен тем, кто видит документ.",
      resolve: (v) => versionFilePath(v.id, v.file.originalName),
    }),
    uploadedAt: t.expose("uploadedAt", { type: "DateTime", description: "Когда загружена." }),
    uploadedBy: t.field({ type: ActorRef, nullable: true, description: "Кто загрузил.", resolve: (v, _a, ctx) => actorField(ctx, v.uploadedById) }),
    note: t.exposeString("note", { nullable: true, description: "Примечание к версии." }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true, description: "Когда отправлена на проверку." }),
    submittedBy: t.field({ type: ActorRef, nullable: true, description: "Кто отправил на проверку.", resolve: (v, _a, ctx) => actorField(ctx, v.submittedById) }),
    review: t.field({
      type: ReviewRef,
      nullable: true,
      description: "Решение по этой версии.",
      select: (_a, _c, nested) => ({ reviews: nested({ take: 1 }) }),
      resolve: (v) => (v.reviews[0] ?? null) as ReviewRow | null,
    }),
    document: t.relation("document", { description: "Документ." }),
  }),
});

export const ReviewRef = builder.prismaObject("Review", {
  description: "Решение по отправленной версии документа.",
  include: { document: documentOwner },
  authScopes: (r) => ({ canSeeParticipation: { id: r.document.participationId, schoolId: r.document.participation.schoolId } }),
  fields: (t) => ({
    id: t.exposeID("id", { description: "Идентификатор решения." }),
    decision: t.expose("decision", { type: ReviewDecisionEnum, description: "Решение." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий (обязателен при возврате)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда принято решение." }),
    reviewer: t.field({ type: ActorRef, nullable: true, description: "Кто принял решение.", resolve: (r, _a, ctx) => actorField(ctx, r.reviewerId) }),
    version: t.relation("version", { description: "Рассмотренная версия." }),
  }),
});

interface HistoryEntry {
  at: Date;
  action: "UPLOADED" | "SUBMITTED" | "APPROVED" | "RETURNED";
  actorId: string | null;
  versionNumber: number;
  comment: string | null;
  key: string;
}

const HistoryEntryRef = builder.objectRef<HistoryEntry>("DocumentHistoryEntry").implement({
  description: "Событие истории документа.",
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime", description: "Когда." }),
    action: t.field({ type: HistoryActionEnum, description: "Что произошло.", resolve: (e) => e.action }),
    actor: t.field({ type: ActorRef, nullable: true, description: "Кто.", resolve: (e, _a, ctx) => actorField(ctx, e.actorId) }),
    versionNumber: t.exposeInt("versionNumber", { description: "Номер версии." }),
    comment: t.exposeString("comment", { nullable: true, description: "Комментарий решения или примечание к версии." }),
  }),
});

// ---- what a participation owes ----

interface RequiredDocument {
  kind: DocumentKind;
  riskFactor: { id: string; number: number; title: string } | null;
  document: DocumentRow | null;
  deadline: Date;
}

const RequiredDocumentRef = builder.objectRef<RequiredDocument>("RequiredDocument").implement({
  description: "Документ, который школа должна представить в году проекта, с его состоянием.",
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, description: "Вид документа.", resolve: (r) => r.kind }),
    title: t.string({ description: "Название.", resolve: (r) => documentTitle(r.kind, r.riskFactor?.title) }),
    riskFactorId: t.id({
      nullable: true,
      description: "Глобальный id фактора риска (для антирисковой программы).",
      resolve: (r) => (r.riskFactor ? encodeGlobalID("RiskFactor", r.riskFactor.id) : null),
    }),
    riskFactorNumber: t.int({ nullable: true, description: "Номер фактора риска.", resolve: (r) => r.riskFactor?.number ?? null }),
    document: t.field({ type: DocumentNode, nullable: true, description: "Загруженный документ (нет — ещё не загружен).", resolve: (r) => r.document }),
    status: t.field({ type: DocumentStatusEnum, nullable: true, description: "Статус; пусто — не загружен.", resolve: (r) => r.document?.status ?? null }),
    statusLabel: t.string({
      description: "Статус по-русски, «не загружен» для отсутствующего.",
      resolve: (r) => (r.document ? STATUS_LABEL[r.document.status] : NOT_UPLOADED_LABEL),
    }),
    deadline: t.expose("deadline", { type: "DateTime", description: "Срок (конец дня по времени региона)." }),
    overdue: t.boolean({ description: "Просрочен: срок прошёл, а документ не отправлен (или возвращён и не отправлен снова).", resolve: (r) => isOverdue(r.deadline, r.document?.status ?? null) }),
  }),
});

/**
 * The planned query for the owed documents, plus what matching and status need. When the client
 * selects nothing under `document`, the plan is an empty `select`, which Prisma refuses.
 */
function withOwedFields<Q extends object>(q: Q): Q {
  const planned = q as { select?: object };
  if (!planned.select) return q;
  return { ...q, select: { ...planned.select, id: true, kind: true, riskFactorId: true, status: true } };
}

builder.prismaObjectFields("Participation", (t) => ({
  documents: t.relation("documents", {
    description: "Все документы участия (включая приложения к дорожной карте), по виду.",
    query: { orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
  }),
  requiredDocuments: t.field({
    type: [RequiredDocumentRef],
    description:
      "Что школа должна представить: концепцию развития, среднесрочную программу и программу антирисковых мер по каждому фактору, выбранному в рисковом профиле, — со статусом, сроком и признаком просрочки.",
    args: { outstandingOnly: t.arg.boolean({ required: false, description: "Только ещё не принятые." }) },
    select: (_a, _c, nested) => ({
      programmeYear: { select: { conceptDocumentsDue: true } },
      school: { select: { municipality: { select: { region: { select: { timeZone: true } } } } } },
      riskProfile: { select: { entries: { where: { chosen: true }, select: { riskFactor: { select: { id: true, number: true, title: true } } } } } },
      documents: withOwedFields(nested({ orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }] }, ["document"])),
    }),
    resolve: (p, args) => {
      const deadline = endOfDayIn(p.programmeYear.conceptDocumentsDue, p.school.municipality.region.timeZone);
      const factors = new Map((p.riskProfile?.entries ?? []).map((e) => [e.riskFactor.id, e.riskFactor]));
      const owed = owedDocuments({ chosenRiskFactors: [...factors.values()], documents: p.documents as unknown as DocumentRow[] });
      return owed
        .map((o) => ({ kind: o.kind, riskFactor: o.riskFactorId ? factors.get(o.riskFactorId)! : null, document: o.document, deadline }))
        .filter((r) => !args.outstandingOnly || r.document?.status !== "APPROVED");
    },
  }),
}));

// Roadmap, Measure, evidence and comments as GraphQL types, with the figures computed in SQL and the
// viewer's rights on each row.
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { canCommentRoadmap, canEditRoadmap, roadmapWhere } from "../../../auth/access.ts";
import { requireViewer } from "../../../auth/require-viewer.ts";
import { MeasureStatus } from "../../../../../prisma/generated/client/enums.ts";
import { load } from "../../../shared/loader.ts";
import { ChangeRecord, actorName, historyOf } from "../../../shared/history.ts";
import { roadmapPlace } from "../places.ts";
import { roadmapFigures, type RoadmapFigures } from "../progress.ts";
import { yearWhere } from "../../programme/years.ts";

export const MeasureStatusEnum = builder.enumType(MeasureStatus, {
  name: "MeasureStatus",
  description: "Статус мероприятия: запланировано, выполняется, выполнено, отменено.",
});

/** The download path of a roadmap's .xlsx export. */
export const roadmapExportPath = (roadmapId: string) => `/files/roadmaps/${roadmapId}.xlsx`;
/** The download path of an evidence file. */
export const evidenceFilePath = (evidenceId: string) => `/files/evidence/${evidenceId}`;

const figures = (ctx: Context, roadmapId: string) => load(ctx, "roadmap.figures", (ids: string[]) => roadmapFigures(ctx.db, ids), roadmapId);

/** The viewer's rights on a roadmap, from where it lies (one batched lookup per request tick). */
async function rights(ctx: Context, roadmapId: string) {
  const [place, status] = await Promise.all([roadmapPlace(ctx, roadmapId), roadmapStatus(ctx, roadmapId)]);
  const act = ctx.viewer?.act;
  if (!place || !act) return { edit: false, report: false, comment: false };
  const report = canEditRoadmap(act, place);
  // The plan is frozen while on review; progress is reported regardless.
  return { edit: report && status !== "SUBMITTED", report, comment: canCommentRoadmap(act, place) };
}

const roadmapStatus = (ctx: Context, id: string) =>
  load(
    ctx,
    "roadmap.status",
    async (ids: string[]) => {
      const rows = await ctx.db.roadmap.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
      return new Map(rows.map((r) => [r.id, r.status]));
    },
    id,
  );

/** Today in an IANA time zone, as a Date at UTC midnight (how `@db.Date` columns come back). */
export function dayIn(timeZone: string, now = new Date()): Date {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now).split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

const RoadmapProgress = builder.objectRef<RoadmapFigures>("RoadmapProgress").implement({
  description:
    "Ход выполнения дорожной карты (считается в базе данных на текущий день по времени региона). Выполнение = выполненные в срок / наступившие сроки; достижение показателей = факт относительно цели.",
  fields: (t) => ({
    asOf: t.expose("today", { type: "Date", description: "День, на который посчитано (по времени региона)." }),
    measuresTotal: t.exposeInt("measuresTotal", { description: "Мероприятий, кроме отменённых." }),
    done: t.exposeInt("done", { description: "Выполнено мероприятий." }),
    dueSoFar: t.exposeInt("dueSoFar", { description: "Мероприятий, срок которых наступил (срок ≤ сегодня), кроме отменённых." }),
    doneOnTime: t.exposeInt("doneOnTime", { description: "Из них выполнено в срок (дата выполнения ≤ срока)." }),
    overdue: t.exposeInt("overdue", { description: "Просрочено: не выполнены, а срок прошёл." }),
    progress: t.exposeFloat("progress", {
      nullable: true,
      description: "Доля выполненных в срок среди наступивших сроков (0..1); пусто, пока сроки не наступили.",
    }),
    indicatorCount: t.exposeInt("indicatorCount", { description: "Мероприятий с целевым значением показателя." }),
    attainment: t.exposeFloat("attainment", {
      nullable: true,
      description: "Среднее достижение показателей (0..1): по каждому мероприятию (факт − база) / (цель − база), без базы — факт / цель, в пределах 0..1; без факта — 0.",
    }),
  }),
});

export const RoadmapNode = builder.prismaNode("Roadmap", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Дорожная карта: школьная (участие школы в году) или муниципальная (муниципалитет и год).",
  authScopes: (r) => (r.participationId ? { canSeeParticipationId: r.participationId } : { coversMunicipality: r.municipalityId! }),
  fields: (t) => ({
    title: t.exposeString("title", { description: "Название." }),
    programmeYear: t.relation("programmeYear", { description: "Год проекта." }),
    participation: t.relation("participation", { nullable: true, description: "Участие школы (для школьной дорожной карты)." }),
    municipality: t.relation("municipality", { nullable: true, description: "Муниципалитет (для муниципальной дорожной карты)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда создана." }),
    measures: t.relatedConnection("measures", {
      description: "Мероприятия в порядке дорожной карты.",
      cursor: "id",
      totalCount: true,
      maxSize: 500,
      args: {
        status: t.arg({ type: [MeasureStatusEnum], required: false, description: "Только в этих статусах." }),
      },
      query: (args) => ({
        where: args.status?.length ? { status: { in: args.status } } : {},
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      }),
    }),
    progress: t.field({
      type: RoadmapProgress,
      description: "Ход выполнения и достижение показателей.",
      resolve: async (r, _a, ctx) => (await figures(ctx, r.id))!,
    }),
    exportUrl: t.string({
      description: "Ссылка для выгрузки в Excel (.xlsx): «№, описание действий, сроки реализации, показатель» и остальные поля.",
      resolve: (r) => roadmapExportPath(r.id),
    }),
    viewerCanEdit: t.boolean({
      description:
        "Может ли текущий пользователь добавлять, менять, упорядочивать и отменять мероприятия, импортировать карту: школа (владелец), а куратор и координаторы — только по просьбе школы, если год это разрешает; пока карта на проверке — никто.",
      resolve: async (r, _a, ctx) => (await rights(ctx, r.id)).edit,
    }),
    viewerCanReport: t.boolean({
      description: "Может ли текущий пользователь отчитываться о выполнении (факт, подтверждения): школа; куратор и координаторы — только по её просьбе, если год это разрешает.",
      resolve: async (r, _a, ctx) => (await rights(ctx, r.id)).report,
    }),
    viewerCanComment: t.boolean({
      description: "Может ли текущий пользователь комментировать мероприятия.",
      resolve: async (r, _a, ctx) => (await rights(ctx, r.id)).comment,
    }),
  }),
});

export const MeasureNode = builder.prismaNode("Measure", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Мероприятие дорожной карты: что, когда, кто, какой риск, какой показатель, как выполнено.",
  authScopes: (m) => ({ canSeeRoadmapId: m.roadmapId }),
  fields: (t) => ({
    roadmap: t.relation("roadmap", { description: "Дорожная карта." }),
    position: t.exposeInt("position", { description: "Номер по порядку (№)." }),
    title: t.exposeString("title", { description: "Описание действий (что будет сделано)." }),
    description: t.exposeString("description", { nullable: true, description: "Подробности." }),
    startDate: t.expose("startDate", { type: "Date", nullable: true, description: "Дата начала." }),
    dueDate: t.expose("dueDate", { type: "Date", nullable: true, description: "Срок выполнения (включительно, по времени региона)." }),
    periodLabel: t.exposeString("periodLabel", { nullable: true, description: "Срок словами: «январь–февраль», «в течение всего периода»." }),
    responsible: t.exposeStringList("responsible", { description: "Ответственные." }),
    riskFactor: t.relation("riskFactor", { nullable: true, description: "Фактор риска, на который направлено мероприятие." }),
    indicatorName: t.exposeString("indicatorName", { nullable: true, description: "Показатель реализации." }),
    indicatorUnit: t.exposeString("indicatorUnit", { nullable: true, description: "Единица измерения показателя (%, чел., шт.)." }),
    baselineValue: t.expose("baselineValue", { type: "Decimal", nullable: true, description: "Базовое значение показателя." }),
    targetValue: t.expose("targetValue", { type: "Decimal", nullable: true, description: "Целевое значение показателя." }),
    actualValue: t.expose("actualValue", { type: "Decimal", nullable: true, description: "Фактическое значение показателя." }),
    status: t.expose("status", { type: MeasureStatusEnum, description: "Статус." }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true, description: "Когда отмечено выполненным." }),
    cancelReason: t.exposeString("cancelReason", { nullable: true, description: "Причина отмены." }),
    revision: t.exposeInt("revision", { description: "Номер редакции: передайте его в изменение, чтобы не затереть чужую правку." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда добавлено." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Последнее изменение." }),
    overdue: t.boolean({
      description: "Просрочено: не выполнено и не отменено, а срок прошёл (день срока закончился по времени региона).",
      resolve: async (m, _a, ctx) => {
        if (!m.dueDate || m.status === "DONE" || m.status === "CANCELLED") return false;
        const place = await roadmapPlace(ctx, m.roadmapId);
        return !!place && m.dueDate < dayIn(place.timeZone);
      },
    }),
    evidence: t.relation("evidence", { description: "Подтверждения выполнения (файлы и ссылки).", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    comments: t.relation("comments", { description: "Комментарии (куратора, школы, координаторов), старые сначала.", query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
    history: t.field({
      type: [ChangeRecord],
      description: "История изменений мероприятия: кто, когда, что было и стало, почему.",
      resolve: (m, _a, ctx) => historyOf(ctx, "Measure", m.id),
    }),
    viewerCanEdit: t.boolean({
      description: "Может ли текущий пользователь менять план мероприятия и отменять его.",
      resolve: async (m, _a, ctx) => m.status !== "CANCELLED" && (await rights(ctx, m.roadmapId)).edit,
    }),
    viewerCanReport: t.boolean({
      description: "Может ли текущий пользователь отчитаться о выполнении (факт, статус, подтверждения).",
      resolve: async (m, _a, ctx) => m.status !== "CANCELLED" && (await rights(ctx, m.roadmapId)).report,
    }),
    viewerCanComment: t.boolean({
      description: "Может ли текущий пользователь комментировать мероприятие.",
      resolve: async (m, _a, ctx) => (await rights(ctx, m.roadmapId)).comment,
    }),
  }),
});

builder.prismaObject("MeasureEvidence", {
  description: "Подтверждение выполнения мероприятия: файл или ссылка.",
  fields: (t) => ({
    id: t.exposeID("id"),
    url: t.exposeString("url", { nullable: true, description: "Ссылка (для подтверждения-ссылки)." }),
    note: t.exposeString("note", { nullable: true, description: "Пояснение." }),
    fileName: t.string({
      nullable: true,
      description: "Имя файла (для подтверждения-файла).",
      select: { file: { select: { originalName: true } } },
      resolve: (e) => e.file?.originalName ?? null,
    }),
    fileSize: t.int({
      nullable: true,
      description: "Размер файла в байтах.",
      select: { file: { select: { size: true } } },
      resolve: (e) => e.file?.size ?? null,
    }),
    downloadUrl: t.string({
      nullable: true,
      description: "Ссылка для скачивания файла.",
      select: { fileId: true },
      resolve: (e) => (e.fileId ? evidenceFilePath(e.id) : null),
    }),
    addedByName: t.string({
      nullable: true,
      description: "Кто приложил (ФИО).",
      select: { addedById: true },
      resolve: async (e, _a, ctx) => (await actorName(ctx, e.addedById)) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда приложено." }),
  }),
});

builder.prismaObject("MeasureComment", {
  description: "Комментарий к мероприятию.",
  fields: (t) => ({
    id: t.exposeID("id"),
    body: t.exposeString("body", { description: "Текст." }),
    authorName: t.string({
      nullable: true,
      description: "Автор (ФИО).",
      select: { authorId: true },
      resolve: async (c, _a, ctx) => (await actorName(ctx, c.authorId)) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда написан." }),
  }),
});

builder.prismaObjectFields("Participation", (t) => ({
  roadmap: t.relation("roadmap", { nullable: true, description: "Дорожная карта школы (пусто, пока не добавлено ни одного мероприятия)." }),
}));

builder.prismaObjectFields("Municipality", (t) => ({
  roadmap: t.prismaField({
    type: "Roadmap",
    nullable: true,
    description: "Муниципальная дорожная карта за год проекта (пусто, пока её нет).",
    args: { year: t.arg.int({ description: "Год проекта." }) },
    resolve: (query, m, args, ctx) => ctx.db.roadmap.findFirst({ ...query, where: { AND: [{ municipalityId: m.id, programmeYear: yearWhere(args.year) }, roadmapWhere(requireViewer(ctx).read)] } }),
  }),
}));

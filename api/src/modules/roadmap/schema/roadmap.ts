// The roadmap with its figures and the viewer's rights: the roadmap query, reordering and live updates.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { canSeeRoadmap, loadRoadmapPlace, roadmapWhere } from "../../../auth/access.ts";
import { type AccessEnded, liveEvent, whileAllowed } from "../../../auth/live-access.ts";
import { requireViewer } from "../../../auth/require-viewer.ts";
import { load } from "../../../shared/loader.ts";
import { MunicipalityNode } from "../../territory/schema.ts";
import { ParticipationNode } from "../../programme/schema.ts";
import { yearWhere } from "../../programme/years.ts";
import { roadmapFigures, type RoadmapFigures } from "../progress.ts";
import { reorderMeasures } from "../service.ts";
import { errors, MeasureNode, MeasureStatusEnum } from "./measure.ts";
import { rights } from "./rights.ts";

/** The download path of a roadmap's .xlsx export. */
export const roadmapExportPath = (roadmapId: string) => `/files/roadmaps/${roadmapId}.xlsx`;

const figures = (ctx: Context, roadmapId: string) => load(ctx, "roadmap.figures", (ids: string[]) => roadmapFigures(ctx.db, ids), roadmapId);

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

// ---- queries ----

builder.queryFields((t) => ({
  roadmap: t.withAuth({ signedIn: true }).prismaField({
    type: "Roadmap",
    nullable: true,
    description: "Дорожная карта: по id, по участию школы (participationId) или муниципальная — по муниципалитету и году. Пусто, если её нет или она не видна пользователю.",
    args: {
      id: t.arg.globalID({ for: RoadmapNode, required: false, description: "Дорожная карта." }),
      participationId: t.arg.globalID({ for: ParticipationNode, required: false, description: "Участие школы в году проекта." }),
      municipalityId: t.arg.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (вместе с year)." }),
      year: t.arg.int({ required: false, description: "Год проекта (для муниципальной дорожной карты)." }),
    },
    resolve: (query, _r, args, ctx) => {
      const where = args.id
        ? { id: args.id.id }
        : args.participationId
          ? { participationId: args.participationId.id }
          : args.municipalityId && args.year != null
            ? { municipalityId: args.municipalityId.id, programmeYear: yearWhere(args.year) }
            : null;
      if (!where) return null;
      return ctx.db.roadmap.findFirst({ ...query, where: { AND: [where, roadmapWhere(ctx.viewer.read)] } });
    },
  }),
}));

const roadmapById = (ctx: { db: any }, id: string) => ctx.db.roadmap.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  reorderMeasures: t.field({
    type: RoadmapNode,
    description: "Задаёт порядок мероприятий: список должен содержать каждое мероприятие карты ровно один раз.",
    authScopes: { signedIn: true },
    errors,
    args: {
      roadmapId: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }),
      measureIds: t.arg.globalIDList({ for: MeasureNode, validate: z.array(z.any()).min(1, "Пустой список").max(2000), extensions: { maxItems: 2000 }, description: "Мероприятия в новом порядке." }),
    },
    resolve: async (_r, args, ctx) =>
      roadmapById(
        ctx,
        (
          await reorderMeasures(
            ctx,
            args.roadmapId.id,
            args.measureIds.map((g) => g.id),
          )
        ).id,
      ),
  }),
}));

// ---- live ----

builder.subscriptionFields((t) => ({
  roadmapUpdated: t.prismaField({
    type: "Roadmap",
    description: "Дорожная карта изменилась (мероприятия, выполнение, подтверждения, комментарии, порядок): присылает её заново.",
    authScopes: (_r, args) => ({ canSeeRoadmapId: args.id.id }),
    args: { id: t.arg.globalID({ for: RoadmapNode, description: "Дорожная карта." }) },
    // Access is asked again whenever the viewer's access changes (a curator unassigned, a role taken away).
    subscribe: (_r, args, ctx) =>
      whileAllowed(ctx, ctx.pubsub.subscribe("roadmap:updated", args.id.id), async (v) => {
        const place = await loadRoadmapPlace(ctx.db, args.id.id);
        return !!place && canSeeRoadmap(v.read, place);
      }),
    resolve: (query, event: { roadmapId: string } | AccessEnded, _a, ctx) => ctx.db.roadmap.findUniqueOrThrow({ ...query, where: { id: liveEvent(event).roadmapId } }),
  }),
}));

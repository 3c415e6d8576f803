// The drill-down list of school roadmaps against the year's roadmap deadline (roadmapDue): the overdue
// page lists the overdue ones beside overdue documents and measures.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { RoadmapItemRow } from "../sql.ts";
import { roadmapList, toReportFilter, type FilterInput } from "../service.ts";
import { reportFilterSchema } from "../validation.ts";
import { RoadmapStatusEnum } from "../../roadmap/schema/review.ts";
import { connectionFields, connectionOf, loadBy, pageOf, type PageArgs, ReportFilterInput } from "./common.ts";

export const RoadmapItemRef = builder.objectRef<RoadmapItemRow>("RoadmapReportItem").implement({
  description: "Дорожная карта школы в году проекта и её срок (уровень дорожной карты при спуске по отчёту).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год проекта." }),
    schoolName: t.exposeString("school_name", { description: "Краткое название школы." }),
    school: t.prismaField({
      type: "School",
      description: "Школа.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "school", "id", q, (qq, ids: string[]) => ctx.db.school.findMany({ ...qq, where: { id: { in: ids } } }), r.school_id) as never,
    }),
    roadmapId: t.id({
      nullable: true,
      description: "Глобальный id дорожной карты (для node(id)); null, если карта ещё не создана.",
      resolve: (r) => (r.roadmap_id ? encodeGlobalID("Roadmap", r.roadmap_id) : null),
    }),
    status: t.field({ type: RoadmapStatusEnum, nullable: true, description: "Состояние проверки; null, если карта ещё не создана.", resolve: (r) => r.status }),
    approved: t.exposeBoolean("approved", { description: "Карта хотя бы раз принята куратором." }),
    deadline: t.expose("deadline", { type: "DateTime", nullable: true, description: "Срок дорожной карты года: конец дня по времени региона; null, если срок не задан." }),
    overdue: t.exposeBoolean("overdue", { description: "Просрочена: срок прошёл, а карта не на проверке и ни разу не принята." }),
  }),
});

builder.queryFields((t) => ({
  reportRoadmapList: t.connection(
    {
      type: RoadmapItemRef,
      description:
        "Дорожные карты школ (уровень карты) и срок года roadmapDue: состояние проверки, просрочка. Те же фильтры, что у отчётов (overdueOnly — только просроченные); строки по названию школы.",
      authScopes: { signedIn: true },
      args: { filter: t.arg({ type: ReportFilterInput, validate: reportFilterSchema, description: "Фильтр: год (обязателен), территория, статусы участия, только просроченные." }) },
      resolve: async (_r, args, ctx) => {
        const page = pageOf(args as PageArgs);
        const rows = await roadmapList(ctx, { page, filter: toReportFilter(args.filter as FilterInput), order: { column: "group", desc: false } });
        return connectionOf(page, rows);
      },
    },
    connectionFields("RoadmapReportItem"),
  ),
}));

// The municipal roadmaps' figures for the dashboards (municipal, regional, federal) and analysts' queries.
import { builder } from "../../../builder.ts";
import { municipalRoadmapFigures, type MunicipalRoadmapFigures } from "../municipal.ts";
import { toReportFilter, type FilterInput } from "../service.ts";
import { reportFilterSchema } from "../validation.ts";
import { ReportFilterInput } from "./common.ts";

const MunicipalRoadmapFiguresRef = builder.objectRef<MunicipalRoadmapFigures>("MunicipalRoadmapFigures").implement({
  description: "Муниципальные дорожные карты в цифрах: сколько муниципалитетов ведут карту, состояние проверки, ход выполнения мероприятий и просрочка (на текущий день по времени региона).",
  fields: (t) => ({
    municipalities: t.exposeInt("municipalities", { description: "Муниципалитетов в выборке (в пределах доступа)." }),
    roadmaps: t.exposeInt("roadmaps", { description: "Муниципальных дорожных карт." }),
    drafts: t.exposeInt("drafts", { description: "Из них черновиков (не отправлены на проверку)." }),
    awaitingReview: t.exposeInt("awaitingReview", { description: "На проверке у координаторов субъекта." }),
    approved: t.exposeInt("approved", { description: "Приняты." }),
    returned: t.exposeInt("returned", { description: "На доработке." }),
    measuresTotal: t.exposeInt("measuresTotal", { description: "Мероприятий, кроме отменённых." }),
    done: t.exposeInt("done", { description: "Выполнено мероприятий." }),
    confirmed: t.exposeInt("confirmed", { description: "Из них выполнение подтверждено координатором субъекта." }),
    dueSoFar: t.exposeInt("dueSoFar", { description: "Мероприятий, срок которых наступил." }),
    doneOnTime: t.exposeInt("doneOnTime", { description: "Из них выполнено в срок." }),
    overdue: t.exposeInt("overdue", { description: "Просрочено мероприятий: не выполнены, а срок прошёл." }),
    roadmapsWithOverdue: t.exposeInt("roadmapsWithOverdue", { description: "Карт хотя бы с одним просроченным мероприятием." }),
    progress: t.exposeFloat("progress", { nullable: true, description: "Выполнение в срок (0..1): выполнено в срок / наступил срок; пусто, пока сроки не наступили." }),
    attainment: t.exposeFloat("attainment", { nullable: true, description: "Среднее достижение показателей (0..1) по мероприятиям с целевым значением." }),
  }),
});

builder.queryFields((t) => ({
  reportMunicipalRoadmaps: t.withAuth({ signedIn: true }).field({
    type: MunicipalRoadmapFiguresRef,
    description:
      "Муниципальные дорожные карты в цифрах для панелей и отчётов. Из фильтра учитываются годы и территория (субъекты, муниципалитеты); " +
      "видны муниципалитеты, над которыми у пользователя есть полномочия (муниципальный координатор — свой, региональный — своего субъекта, федеральный — все).",
    args: { filter: t.arg({ type: ReportFilterInput, validate: reportFilterSchema, description: "Фильтр: год (обязателен), субъекты, муниципалитеты." }) },
    resolve: async (_r, args, ctx) => {
      const f = toReportFilter(args.filter as FilterInput);
      return municipalRoadmapFigures(ctx.db, ctx.viewer.read, f);
    },
  }),
}));

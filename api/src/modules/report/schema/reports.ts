// The report queries: monitoring, documents, measures and risks per group, and the drill-down lists of
// documents and measures. Each is one SQL statement in the viewer's reach plus one query per kind of
// group object an analyst selects.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES, roundFigure } from "../figures.ts";
import { ORDERS, PARTICIPANTS_ONLY } from "../orders.ts";
import type { DocumentItemRow, FigureRow, GroupBy, MeasureItemRow, RiskRow } from "../sql.ts";
import { documentList, figureReport, measureList, riskReport, toReportFilter, type FilterInput } from "../service.ts";
import { inactiveDaysSchema } from "../validation.ts";
import { DocumentKindEnum } from "../../document/schema/document.ts";
import { MeasureStatusEnum } from "../../roadmap/schema/measure.ts";
import {
  connectionFields,
  connectionOf,
  DocumentItemStateEnum,
  figureFields,
  loadBy,
  orderEnum,
  orderInput,
  orderOf,
  pageOf,
  type PageArgs,
  ReportFilterInput,
  ReportGroupByEnum,
  ReportRowInterface,
} from "./common.ts";
import { reportFilterSchema } from "../validation.ts";

// ---------------------------------------------------------------- row types

export const DocumentFiguresRef = builder.objectRef<FigureRow>("DocumentFigures").implement({
  description: "Концептуальные документы группы. Положено = не загружено + черновики + сдано; сдано = на проверке + принято + на доработке.",
  fields: (t) => figureFields(t, DOCUMENT_FIGURES),
});

export const MeasureFiguresRef = builder.objectRef<FigureRow>("MeasureFigures").implement({
  description: "Мероприятия школьных дорожных карт группы; прогресс = выполнено в срок / наступил срок (по времени региона).",
  fields: (t) => figureFields(t, MEASURE_FIGURES),
});

export const ConsultationFiguresRef = builder.objectRef<FigureRow>("ConsultationFigures").implement({
  description: "Консультационная линия территории группы: вопросы года, ответы, медиана дней до ответа, просроченные без ответа.",
  fields: (t) => figureFields(t, CONSULTATION_FIGURES),
});

export const MonitoringRowRef = builder.objectRef<FigureRow>("MonitoringReportRow").implement({
  description: "Мониторинг группы: участники, документы, дорожные карты, активность.",
  interfaces: [ReportRowInterface],
  fields: (t) => ({
    ...figureFields(t, PARTICIPATION_FIGURES),
    documents: t.field({ type: DocumentFiguresRef, description: "Концептуальные документы.", resolve: (r) => r }),
    measures: t.field({ type: MeasureFiguresRef, description: "Мероприятия дорожных карт.", resolve: (r) => r }),
    consultation: t.field({
      type: ConsultationFiguresRef,
      nullable: true,
      description: "Консультационная линия территории (только при группировке REGION или MUNICIPALITY, иначе null).",
      resolve: (r) => (r.c_asked == null ? null : r),
    }),
  }),
});

export const DocumentRowRef = builder.objectRef<FigureRow>("DocumentReportRow").implement({
  description: "Концептуальные документы группы.",
  interfaces: [ReportRowInterface],
  fields: (t) => ({ ...figureFields(t, PARTICIPANTS_ONLY), ...figureFields(t, DOCUMENT_FIGURES) }),
});

export const MeasureRowRef = builder.objectRef<FigureRow>("MeasureReportRow").implement({
  description: "Мероприятия школьных дорожных карт группы.",
  interfaces: [ReportRowInterface],
  fields: (t) => ({ ...figureFields(t, PARTICIPANTS_ONLY), ...figureFields(t, MEASURE_FIGURES) }),
});

export const RiskRowRef = builder.objectRef<RiskRow>("RiskReportRow").implement({
  description: "Один фактор риска в группе: значимость в рисковых профилях и как часто его выбирают для работы.",
  interfaces: [ReportRowInterface],
  fields: (t) => ({
    factorNumber: t.int({ description: "Номер фактора в перечне года.", resolve: (r) => r.factor_number }),
    factorTitle: t.string({ description: "Наименование фактора.", resolve: (r) => r.factor_title }),
    riskFactor: t.prismaField({
      type: "RiskFactor",
      description: "Фактор риска (объект).",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "riskFactor", "id", q, (qq, ids: string[]) => ctx.db.riskFactor.findMany({ ...qq, where: { id: { in: ids } } }), r.risk_factor_id) as never,
    }),
    ...figureFields(t, RISK_FIGURES),
  }),
});

const participationOf = (r: { pid: string }) => r.pid;

export const DocumentItemRef = builder.objectRef<DocumentItemRow>("DocumentReportItem").implement({
  description: "Положенный документ школы (уровень документа при спуске по отчёту).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год проекта." }),
    schoolName: t.exposeString("school_name", { description: "Краткое название школы." }),
    school: t.prismaField({
      type: "School",
      description: "Школа.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "school", "id", q, (qq, ids: string[]) => ctx.db.school.findMany({ ...qq, where: { id: { in: ids } } }), r.school_id) as never,
    }),
    participation: t.prismaField({
      type: "Participation",
      description: "Участие школы в году проекта.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "participation", "id", q, (qq, ids: string[]) => ctx.db.participation.findMany({ ...qq, where: { id: { in: ids } } }), participationOf(r)) as never,
    }),
    kind: t.field({ type: DocumentKindEnum, description: "Вид документа.", resolve: (r) => r.kind }),
    riskFactorNumber: t.exposeInt("factor_number", { nullable: true, description: "Номер фактора риска (у программы антирисковых мер)." }),
    state: t.field({ type: DocumentItemStateEnum, description: "Состояние: статус документа или «не загружен».", resolve: (r) => r.state }),
    submittedAt: t.expose("submitted_at", { type: "DateTime", nullable: true, description: "Когда отправлен на проверку (последний раз)." }),
    decidedAt: t.expose("decided_at", { type: "DateTime", nullable: true, description: "Когда принято последнее решение." }),
    deadline: t.expose("deadline", { type: "DateTime", description: "Срок: конец дня срока по времени региона." }),
    overdue: t.exposeBoolean("overdue", { description: "Срок прошёл, а документ не загружен, в черновике или на доработке." }),
    waitingDays: t.float({
      nullable: true,
      description: "Сколько дней документ ждёт проверки (только на проверке).",
      resolve: (r) => roundFigure("days", r.waiting_days),
    }),
    documentId: t.id({
      nullable: true,
      description: "Глобальный id документа (для node(id)); null, если не загружен.",
      resolve: (r) => (r.document_id ? encodeGlobalID("Document", r.document_id) : null),
    }),
    document: t.prismaField({
      type: "Document",
      nullable: true,
      description: "Документ с версиями и решениями; null, если не загружен.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "document", "id", q, (qq, ids: string[]) => ctx.db.document.findMany({ ...qq, where: { id: { in: ids } } }), r.document_id) as never,
    }),
  }),
});

export const MeasureItemRef = builder.objectRef<MeasureItemRow>("MeasureReportItem").implement({
  description: "Мероприятие школьной дорожной карты (уровень мероприятия при спуске по отчёту).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год проекта." }),
    schoolName: t.exposeString("school_name", { description: "Краткое название школы." }),
    school: t.prismaField({
      type: "School",
      description: "Школа.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "school", "id", q, (qq, ids: string[]) => ctx.db.school.findMany({ ...qq, where: { id: { in: ids } } }), r.school_id) as never,
    }),
    participation: t.prismaField({
      type: "Participation",
      description: "Участие школы в году проекта.",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "participation", "id", q, (qq, ids: string[]) => ctx.db.participation.findMany({ ...qq, where: { id: { in: ids } } }), participationOf(r)) as never,
    }),
    measureId: t.id({ description: "Глобальный id мероприятия (для node(id)).", resolve: (r) => encodeGlobalID("Measure", r.measure_id) }),
    position: t.exposeInt("position", { description: "Номер в дорожной карте." }),
    title: t.exposeString("title", { description: "Мероприятие." }),
    status: t.field({ type: MeasureStatusEnum, description: "Статус.", resolve: (r) => r.status }),
    dueDate: t.expose("due_date", { type: "Date", nullable: true, description: "Срок." }),
    completedAt: t.expose("completed_at", { type: "DateTime", nullable: true, description: "Когда выполнено." }),
    overdue: t.exposeBoolean("overdue", { description: "Просрочено: срок прошёл (по времени региона), не выполнено и не отменено." }),
    doneOnTime: t.exposeBoolean("done_on_time", { description: "Выполнено не позже срока." }),
    riskFactorNumber: t.exposeInt("factor_number", { nullable: true, description: "Номер связанного фактора риска." }),
    indicatorName: t.exposeString("indicator_name", { nullable: true, description: "Показатель." }),
    indicatorUnit: t.exposeString("indicator_unit", { nullable: true, description: "Единица измерения." }),
    baselineValue: t.expose("baseline_value", { type: "Decimal", nullable: true, description: "Базовое значение." }),
    targetValue: t.expose("target_value", { type: "Decimal", nullable: true, description: "Целевое значение." }),
    actualValue: t.expose("actual_value", { type: "Decimal", nullable: true, description: "Фактическое значение." }),
    attainment: t.float({
      nullable: true,
      description: "Достижение показателя от 0 до 1 (как в дорожной карте); null без целевого значения.",
      resolve: (r) => roundFigure("share", r.attainment),
    }),
  }),
});

// ---------------------------------------------------------------- ordering

const MonitoringOrderField = orderEnum("MonitoringReportOrderField", "Поле сортировки мониторинга.", ORDERS.MONITORING);
const DocumentOrderField = orderEnum("DocumentReportOrderField", "Поле сортировки отчёта по документам.", ORDERS.DOCUMENTS);
const MeasureOrderField = orderEnum("MeasureReportOrderField", "Поле сортировки отчёта по мероприятиям.", ORDERS.MEASURES);
const RiskOrderField = orderEnum("RiskReportOrderField", "Поле сортировки отчёта по рискам.", ORDERS.RISKS);
const DocumentListOrderField = orderEnum("DocumentListOrderField", "Поле сортировки списка документов (GROUP — по школе и виду документа).", ORDERS.DOCUMENT_LIST);
const MeasureListOrderField = orderEnum("MeasureListOrderField", "Поле сортировки списка мероприятий (GROUP — по школе и номеру).", ORDERS.MEASURE_LIST);

export const MonitoringOrderInput = orderInput("MonitoringReportOrder", MonitoringOrderField);
export const DocumentOrderInput = orderInput("DocumentReportOrder", DocumentOrderField);
export const MeasureOrderInput = orderInput("MeasureReportOrder", MeasureOrderField);
export const RiskOrderInput = orderInput("RiskReportOrder", RiskOrderField);
export const DocumentListOrderInput = orderInput("DocumentListOrder", DocumentListOrderField);
export const MeasureListOrderInput = orderInput("MeasureListOrder", MeasureListOrderField);

// ---------------------------------------------------------------- queries

type ListArgsIn = PageArgs & { filter: unknown; orderBy?: { field: string; direction?: string | null } | null };

/** A drill-down list's arguments, checked: the filter, the order and the page. */
const listed = (args: ListArgsIn) => ({ page: pageOf(args), filter: toReportFilter(args.filter as FilterInput), order: orderOf(args.orderBy) });

/** A grouped report's arguments, checked: those of a list and the grouping (REGION by default). */
const grouped = (args: ListArgsIn & { groupBy?: string | null }) => ({ ...listed(args), groupBy: (args.groupBy ?? "REGION") as GroupBy });

const GROUP_DESC = "Группировка строк (по умолчанию REGION).";
const signedIn = { signedIn: true } as const;

builder.queryFields((t) => {
  const filter = () => t.arg({ type: ReportFilterInput, validate: reportFilterSchema, description: "Фильтр: год (обязателен), территория, статусы, факторы риска, период." });
  const groupBy = () => t.arg({ type: ReportGroupByEnum, required: false, defaultValue: "REGION", description: GROUP_DESC });
  const inactiveDays = () => t.arg.int({ required: false, defaultValue: 30, validate: inactiveDaysSchema, description: "Порог фигуры inactive: дней без активности (по умолчанию 30)." });

  return {
    reportMonitoring: t.connection(
      {
        type: MonitoringRowRef,
        description: "Мониторинг по группам: участники, документы, дорожные карты, риски активности — в пределах доступа, за выбранные годы.",
        authScopes: signedIn,
        args: { filter: filter(), groupBy: groupBy(), orderBy: t.arg({ type: MonitoringOrderInput, required: false, description: "Сортировка." }), inactiveDays: inactiveDays() },
        resolve: async (_r, args, ctx) => {
          const a = grouped(args);
          return connectionOf(a.page, await figureReport(ctx, { kind: "MONITORING", ...a, inactiveDays: args.inactiveDays ?? 30 }));
        },
      },
      connectionFields("MonitoringReport"),
    ),
    reportDocuments: t.connection(
      {
        type: DocumentRowRef,
        description: "Концептуальные документы по группам: положено, сдано, принято, возвращено, просрочено, медиана дней до решения.",
        authScopes: signedIn,
        args: { filter: filter(), groupBy: groupBy(), orderBy: t.arg({ type: DocumentOrderInput, required: false, description: "Сортировка." }) },
        resolve: async (_r, args, ctx) => {
          const a = grouped(args);
          return connectionOf(a.page, await figureReport(ctx, { kind: "DOCUMENTS", ...a, inactiveDays: 30 }));
        },
      },
      connectionFields("DocumentReport"),
    ),
    reportMeasures: t.connection(
      {
        type: MeasureRowRef,
        description: "Мероприятия дорожных карт по группам: прогресс (выполнено в срок / наступил срок), просрочки, достижение показателей.",
        authScopes: signedIn,
        args: { filter: filter(), groupBy: groupBy(), orderBy: t.arg({ type: MeasureOrderInput, required: false, description: "Сортировка." }) },
        resolve: async (_r, args, ctx) => {
          const a = grouped(args);
          return connectionOf(a.page, await figureReport(ctx, { kind: "MEASURES", ...a, inactiveDays: 30 }));
        },
      },
      connectionFields("MeasureReport"),
    ),
    reportRisks: t.connection(
      {
        type: RiskRowRef,
        description: "Факторы риска по группам: распределение значимости в рисковых профилях и выбор для работы. Строка — группа × год × фактор.",
        authScopes: signedIn,
        args: { filter: filter(), groupBy: groupBy(), orderBy: t.arg({ type: RiskOrderInput, required: false, description: "Сортировка." }) },
        resolve: async (_r, args, ctx) => {
          const a = grouped(args);
          return connectionOf(a.page, await riskReport(ctx, a));
        },
      },
      connectionFields("RiskReport"),
    ),
    reportDocumentList: t.connection(
      {
        type: DocumentItemRef,
        description: "Положенные документы школ (уровень документа): состояние, сроки, ожидание проверки. Те же фильтры, что у отчётов.",
        authScopes: signedIn,
        args: { filter: filter(), orderBy: t.arg({ type: DocumentListOrderInput, required: false, description: "Сортировка." }) },
        resolve: async (_r, args, ctx) => {
          const a = listed(args);
          return connectionOf(a.page, await documentList(ctx, a));
        },
      },
      connectionFields("DocumentReportItem"),
    ),
    reportMeasureList: t.connection(
      {
        type: MeasureItemRef,
        description: "Мероприятия школьных дорожных карт (уровень мероприятия): срок, статус, просрочка, показатель. Те же фильтры, что у отчётов.",
        authScopes: signedIn,
        args: { filter: filter(), orderBy: t.arg({ type: MeasureListOrderInput, required: false, description: "Сортировка." }) },
        resolve: async (_r, args, ctx) => {
          const a = listed(args);
          return connectionOf(a.page, await measureList(ctx, a));
        },
      },
      connectionFields("MeasureReportItem"),
    ),
  };
});

// The tables of an export: one per grouping (a sheet each in XLSX), with the place columns of the group
// and the report's figures — all of them («все показатели») or the screen's («как на экране»).
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { MeasureStatus, ParticipationStatus, Significance } from "../../../../prisma/generated/client/enums.ts";
import { KIND_TITLE, NOT_UPLOADED_LABEL, STATUS_LABEL } from "../document/validation.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES, type Figure, type FigureKind } from "./figures.ts";
import { PARTICIPANTS_ONLY } from "./orders.ts";
import { zoneLabel } from "./scoring.ts";
import { documentList, figureReport, measureList, regionScorings, riskReport, type RegionScoringRow } from "./service.ts";
import type { DocumentItemRow, FigureRow, GroupBy, MeasureItemRow, ReportFilter, RiskRow } from "./sql.ts";
import { EXPORT_MAX_ROWS, ExportInputError, orderOf, screenFigure, type ExportRequest } from "./export-request.ts";

// ---------------------------------------------------------------- tables

export type CellKind = FigureKind | "text" | "date" | "bool" | "decimal";

export interface Column<R> {
  header: string;
  kind: CellKind;
  value: (r: R) => unknown;
  width?: number;
}

export interface Table {
  sheet: string;
  grouping: string;
  columns: Column<any>[];
  rows: any[];
}

interface Names {
  regions: Map<string, { name: string; code: number }>;
  municipalities: Map<string, string>;
}

const figureColumns = (figures: readonly Figure[], prefix = ""): Column<Record<string, unknown>>[] => figures.map((x) => ({ header: prefix + x.header, kind: x.kind, value: (r) => r[x.column] }));

const GROUP_SHEET: Record<GroupBy, string> = { ALL: "Итого", REGION: "Субъекты", MUNICIPALITY: "Муниципалитеты", SCHOOL: "Школы", CURATOR: "Кураторы" };
const GROUP_TITLE: Record<GroupBy, string> = {
  ALL: "итого по выборке",
  REGION: "по субъектам РФ",
  MUNICIPALITY: "по муниципалитетам",
  SCHOOL: "по школам",
  CURATOR: "по кураторам",
};

function groupColumns(groupBy: GroupBy, names: Names): Column<FigureRow>[] {
  const region: Column<FigureRow> = { header: "Субъект РФ", kind: "text", value: (r) => names.regions.get(r.region_id ?? "")?.name ?? "", width: 28 };
  const municipality: Column<FigureRow> = { header: "Муниципалитет", kind: "text", value: (r) => names.municipalities.get(r.municipality_id ?? "") ?? "", width: 28 };
  const year: Column<FigureRow> = { header: "Год", kind: "int", value: (r) => r.year, width: 7 };
  switch (groupBy) {
    case "ALL":
      return [{ header: "Группа", kind: "text", value: (r) => r.group_name, width: 12 }, year];
    case "REGION":
      return [{ header: "Код", kind: "int", value: (r) => r.group_code, width: 6 }, { ...region, value: (r) => r.group_name }, year];
    case "MUNICIPALITY":
      return [region, { ...municipality, value: (r) => r.group_name }, year];
    case "SCHOOL":
      return [region, municipality, { header: "Школа", kind: "text", value: (r) => r.group_name, width: 40 }, year];
    case "CURATOR":
      return [{ header: "Куратор", kind: "text", value: (r) => r.group_name, width: 32 }, year];
  }
}

export const PARTICIPATION_LABEL: Record<ParticipationStatus, string> = {
  PARTICIPATING: "участвует",
  LEFT_LOW_RESULTS: "вышла из списка ШНОР",
  WITHDRAWN: "исключена",
};
export const MEASURE_LABEL: Record<MeasureStatus, string> = { PLANNED: "запланировано", IN_PROGRESS: "выполняется", DONE: "выполнено", CANCELLED: "отменено" };
export const SIGNIFICANCE_LABEL: Record<Significance, string> = { HIGH: "высокая", MEDIUM: "средняя", LOW: "низкая" };
export const stateLabel = (s: string) => (s === "MISSING" ? NOT_UPLOADED_LABEL : (STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? s));

function placeColumns(names: Names): Column<{ region_id: string; municipality_id: string; school_name: string; year: number }>[] {
  return [
    { header: "Субъект РФ", kind: "text", value: (r) => names.regions.get(r.region_id)?.name ?? "", width: 28 },
    { header: "Муниципалитет", kind: "text", value: (r) => names.municipalities.get(r.municipality_id) ?? "", width: 28 },
    { header: "Школа", kind: "text", value: (r) => r.school_name, width: 40 },
    { header: "Год", kind: "int", value: (r) => r.year, width: 7 },
  ];
}

const DOCUMENT_ITEM_COLUMNS: Column<DocumentItemRow>[] = [
  { header: "Документ", kind: "text", value: (r) => KIND_TITLE[r.kind], width: 34 },
  { header: "Фактор риска №", kind: "int", value: (r) => r.factor_number },
  { header: "Состояние", kind: "text", value: (r) => stateLabel(r.state), width: 14 },
  { header: "Отправлен (МСК)", kind: "datetime", value: (r) => r.submitted_at },
  { header: "Решение (МСК)", kind: "datetime", value: (r) => r.decided_at },
  { header: "Срок (МСК)", kind: "datetime", value: (r) => r.deadline },
  { header: "Просрочен", kind: "bool", value: (r) => r.overdue },
  { header: "Ждёт проверки, дней", kind: "days", value: (r) => r.waiting_days },
];

const MEASURE_ITEM_COLUMNS: Column<MeasureItemRow>[] = [
  { header: "№", kind: "int", value: (r) => r.position, width: 5 },
  { header: "Мероприятие", kind: "text", value: (r) => r.title, width: 50 },
  { header: "Срок", kind: "date", value: (r) => r.due_date },
  { header: "Статус", kind: "text", value: (r) => MEASURE_LABEL[r.status], width: 14 },
  { header: "Выполнено (МСК)", kind: "datetime", value: (r) => r.completed_at },
  { header: "Просрочено", kind: "bool", value: (r) => r.overdue },
  { header: "Выполнено в срок", kind: "bool", value: (r) => r.done_on_time },
  { header: "Фактор риска №", kind: "int", value: (r) => r.factor_number },
  { header: "Показатель", kind: "text", value: (r) => r.indicator_name, width: 40 },
  { header: "Ед. изм.", kind: "text", value: (r) => r.indicator_unit },
  { header: "Базовое значение", kind: "decimal", value: (r) => r.baseline_value },
  { header: "Целевое значение", kind: "decimal", value: (r) => r.target_value },
  { header: "Фактическое значение", kind: "decimal", value: (r) => r.actual_value },
  { header: "Достижение показателя", kind: "share", value: (r) => r.attainment },
];

function tooMany(total: number): never {
  throw new ExportInputError(`В выгрузке было бы ${total} строк (больше ${EXPORT_MAX_ROWS}): сузьте фильтр`);
}

const ALL_ROWS = { offset: 0, limit: EXPORT_MAX_ROWS };

/** Runs the report (each sheet one SQL statement, in the viewer's reach) and lays out its tables. */
export async function tables(ctx: { db: DB; viewer: Viewer }, req: ExportRequest, filter: ReportFilter): Promise<Table[]> {
  const order = orderOf(req);
  const out: { groupBy: GroupBy; rows: any[] }[] = [];
  if (req.report === "DOCUMENT_LIST" || req.report === "MEASURE_LIST") {
    const paged = await (req.report === "DOCUMENT_LIST" ? documentList : measureList)(ctx, { filter, order, page: ALL_ROWS });
    if (paged.total > EXPORT_MAX_ROWS) tooMany(paged.total);
    out.push({ groupBy: "SCHOOL", rows: paged.rows });
  } else if (req.report === "REGION_SCORES") {
    const rows = await regionScorings(ctx, filter.years, filter, { by: req.order?.value === "POINTS" ? "POINTS" : "REGION", desc: !!req.order?.desc });
    out.push({ groupBy: "REGION", rows });
  } else {
    for (const groupBy of [...new Set(req.groupBy)]) {
      const paged =
        req.report === "RISKS"
          ? await riskReport(ctx, { filter, groupBy, order, page: ALL_ROWS })
          : await figureReport(ctx, { kind: req.report, filter, groupBy, order, page: ALL_ROWS, inactiveDays: req.inactiveDays });
      if (paged.total > EXPORT_MAX_ROWS) tooMany(paged.total);
      out.push({ groupBy, rows: paged.rows });
    }
  }
  const names = await namesOf(
    ctx.db,
    out.flatMap((o) => o.rows),
  );
  return out.map(({ groupBy, rows }): Table => {
    switch (req.report) {
      case "DOCUMENT_LIST":
        return { sheet: "Документы", grouping: "по документам школ", columns: [...placeColumns(names), ...DOCUMENT_ITEM_COLUMNS], rows };
      case "MEASURE_LIST":
        return { sheet: "Мероприятия", grouping: "по мероприятиям школ", columns: [...placeColumns(names), ...MEASURE_ITEM_COLUMNS], rows };
      case "REGION_SCORES":
        return { sheet: "Оценка регионов", grouping: "по субъектам РФ", columns: scoreColumns(rows as RegionScoringRow[], names), rows };
      case "RISKS":
        return {
          sheet: GROUP_SHEET[groupBy],
          grouping: GROUP_TITLE[groupBy],
          columns: [
            ...groupColumns(groupBy, names),
            { header: "Фактор №", kind: "int", value: (r: RiskRow) => r.factor_number, width: 9 },
            { header: "Фактор риска", kind: "text", value: (r: RiskRow) => r.factor_title, width: 50 },
            ...(req.columns ? screenColumns(req) : figureColumns(RISK_FIGURES)),
          ],
          rows,
        };
      default: {
        const figures = req.columns
          ? screenColumns(req, groupBy)
          : req.report === "MONITORING"
            ? [
                ...figureColumns(PARTICIPATION_FIGURES),
                ...figureColumns(DOCUMENT_FIGURES, "Документы: "),
                ...figureColumns(MEASURE_FIGURES, "Мероприятия: "),
                // The consultation line has figures per region or municipality only.
                ...(groupBy === "REGION" || groupBy === "MUNICIPALITY" ? figureColumns(CONSULTATION_FIGURES, "Консультации: ") : []),
              ]
            : [...figureColumns(PARTICIPANTS_ONLY), ...figureColumns(req.report === "DOCUMENTS" ? DOCUMENT_FIGURES : MEASURE_FIGURES)];
        return { sheet: GROUP_SHEET[groupBy], grouping: GROUP_TITLE[groupBy], columns: [...groupColumns(groupBy, names), ...figures], rows };
      }
    }
  });
}

/**
 * «Как на экране»: the screen's figures in its order under its labels. The consultation line has figures
 * per region or municipality only, so its columns drop out of other groupings, as on screen.
 */
function screenColumns(req: ExportRequest, groupBy?: GroupBy): Column<Record<string, unknown>>[] {
  return req
    .columns!.filter((c) => !c.figure.startsWith("consultation.") || groupBy === "REGION" || groupBy === "MUNICIPALITY")
    .map((c) => {
      const x = screenFigure(req.report, c.figure);
      return { header: c.label, kind: x.kind, value: (r) => r[x.column] };
    });
}

function scoreColumns(rows: RegionScoringRow[], names: Names): Column<RegionScoringRow>[] {
  const criteria = new Map<string, string>();
  for (const r of rows) for (const c of r.scoring.criteria) if (!criteria.has(c.criterion.code)) criteria.set(c.criterion.code, c.criterion.title);
  return [
    { header: "Код", kind: "int", value: (r) => r.regionCode, width: 6 },
    { header: "Субъект РФ", kind: "text", value: (r) => names.regions.get(r.regionId)?.name ?? "", width: 28 },
    { header: "Год", kind: "int", value: (r) => r.year, width: 7 },
    { header: "Баллы", kind: "int", value: (r) => r.scoring.points },
    { header: "Максимум баллов", kind: "int", value: (r) => r.scoring.maxPoints },
    { header: "Зона", kind: "text", value: (r) => zoneLabel(r.scoring.zone), width: 16 },
    { header: "Итог", kind: "text", value: (r) => r.scoring.summary, width: 30 },
    ...[...criteria].flatMap(([code, title]): Column<RegionScoringRow>[] => [
      { header: `${title}: значение`, kind: "share", value: (r) => r.scoring.criteria.find((c) => c.criterion.code === code)?.value ?? null, width: 18 },
      { header: `${title}: баллы`, kind: "int", value: (r) => r.scoring.criteria.find((c) => c.criterion.code === code)?.points ?? null, width: 12 },
    ]),
  ];
}

/** Names of the regions and municipalities the rows point at: two queries for the whole export. */
async function namesOf(db: DB, rows: { region_id?: string | null; municipality_id?: string | null; regionId?: string }[]): Promise<Names> {
  const regionIds = [...new Set(rows.map((r) => r.region_id ?? r.regionId).filter((x): x is string => !!x))];
  const municipalityIds = [...new Set(rows.map((r) => r.municipality_id).filter((x): x is string => !!x))];
  const [regions, municipalities] = await Promise.all([
    regionIds.length ? db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, name: true, code: true } }) : [],
    municipalityIds.length ? db.municipality.findMany({ where: { id: { in: municipalityIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { regions: new Map(regions.map((r) => [r.id, r])), municipalities: new Map(municipalities.map((m) => [m.id, m.name])) };
}

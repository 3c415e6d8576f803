// Any report as CSV or XLSX, downloaded from `/files/reports/<report>.<csv|xlsx>?q=…`. The URL carries
// only the report's arguments (compressed); the download re-runs the report with the requester's own
// reach, so a URL passed to someone else shows them their own figures, never the sender's.
//
// XLSX (exceljs): Russian headers, number formats, one sheet per grouping, the filter written at the top.
// CSV: UTF-8 with BOM, `;`-separated, decimal comma — as Excel with Russian settings opens it; one table.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import {
  DocumentKind,
  MeasureStatus,
  ParticipationStatus,
  Significance,
} from "../../../../prisma/generated/client/enums.ts";
import { KIND_TITLE, NOT_UPLOADED_LABEL, STATUS_LABEL } from "../document/validation.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES, roundFigure, type Figure, type FigureKind } from "./figures.ts";
import { orderColumn, PARTICIPANTS_ONLY, type OrderedReport } from "./orders.ts";
import { zoneLabel } from "./scoring.ts";
import {
  documentList,
  figureReport,
  measureList,
  regionScorings,
  riskReport,
  toReportFilter,
  type FilterInput,
  type GlobalId,
  type RegionScoringRow,
} from "./service.ts";
import type { DocumentItemRow, FigureRow, GroupBy, MeasureItemRow, Order, ReportFilter, RiskRow } from "./sql.ts";
import { inactiveDaysSchema, reportFilterSchema } from "./validation.ts";
import { csvTextField } from "../../shared/csv.ts";

export type ExportKind = "MONITORING" | "DOCUMENTS" | "MEASURES" | "RISKS" | "DOCUMENT_LIST" | "MEASURE_LIST" | "REGION_SCORES";
export type ExportFormat = "CSV" | "XLSX";

/** Reports with a grouping take several (a sheet each in XLSX); lists and scores have one sheet. */
export interface ExportRequest {
  report: ExportKind;
  filter: FilterInput;
  groupBy: GroupBy[];
  /** An order value of the report (as in its GraphQL order enum), or null for the natural order. */
  order: { value: string; desc: boolean } | null;
  inactiveDays: number;
}

/** At most this many rows per sheet; a larger export is refused with a request to narrow the filter. */
export const EXPORT_MAX_ROWS = 50_000;

export const REPORT_TITLE: Record<ExportKind, string> = {
  MONITORING: "Мониторинг",
  DOCUMENTS: "Концептуальные документы",
  MEASURES: "Мероприятия дорожных карт",
  RISKS: "Факторы риска",
  DOCUMENT_LIST: "Документы школ",
  MEASURE_LIST: "Мероприятия школ",
  REGION_SCORES: "Оценка регионов",
};

const SLUG: Record<ExportKind, string> = {
  MONITORING: "monitoring",
  DOCUMENTS: "documents",
  MEASURES: "measures",
  RISKS: "risks",
  DOCUMENT_LIST: "document-list",
  MEASURE_LIST: "measure-list",
  REGION_SCORES: "region-scores",
};
/** The report of a download path's name (`documents` → DOCUMENTS). */
export const KIND_OF_SLUG = new Map(Object.entries(SLUG).map(([k, s]) => [s, k as ExportKind]));

export class ExportInputError extends Error {}

// ---------------------------------------------------------------- the URL

const ID_FIELDS = ["regionIds", "municipalityIds", "schoolIds", "curatorIds"] as const;

/** The download path of a report export; the arguments are deflated JSON in base64url. */
export function exportPath(format: ExportFormat, req: ExportRequest): string {
  const f: Record<string, unknown> = { ...req.filter };
  for (const k of ID_FIELDS) if (req.filter[k]) f[k] = req.filter[k]!.map((g) => encodeGlobalID(g.typename, g.id));
  for (const k of ["from", "to"] as const) if (req.filter[k]) f[k] = req.filter[k]!.toISOString().slice(0, 10);
  for (const [k, v] of Object.entries(f)) if (v == null || (Array.isArray(v) && !v.length)) delete f[k];
  const wire = { f, g: req.groupBy, o: req.order ? { v: req.order.value, d: req.order.desc ? 1 : 0 } : undefined, i: req.inactiveDays };
  const q = deflateRawSync(Buffer.from(JSON.stringify(wire))).toString("base64url");
  return `/files/reports/${SLUG[req.report]}.${format.toLowerCase()}?q=${q}`;
}

const gid = z.string().max(200).transform((s, c): GlobalId => {
  try {
    return decodeGlobalID(s);
  } catch {
    c.addIssue({ code: "custom", message: "Неверный глобальный id в фильтре" });
    return z.NEVER;
  }
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Дата — ГГГГ-ММ-ДД").transform((s) => new Date(`${s}T00:00:00Z`));
const list = <T extends z.ZodTypeAny>(t: T) => z.array(t).max(500).nullish();
const values = <T extends Record<string, string>>(e: T) => z.enum(Object.values(e) as [T[keyof T], ...T[keyof T][]]);

const wireSchema = z.object({
  f: z
    .object({
      year: z.number().int().nullish(),
      years: z.array(z.number().int()).max(10).nullish(),
      regionCodes: list(z.number().int()),
      regionIds: list(gid),
      municipalityIds: list(gid),
      schoolIds: list(gid),
      curatorIds: list(gid),
      participationStatuses: list(values(ParticipationStatus)),
      riskFactorNumbers: list(z.number().int()),
      inactiveForDays: z.number().int().nullish(),
      from: day.nullish(),
      to: day.nullish(),
      documentKinds: list(values(DocumentKind)),
      documentStates: list(z.enum(["MISSING", "DRAFT", "SUBMITTED", "APPROVED", "RETURNED"])),
      measureStatuses: list(values(MeasureStatus)),
      significances: list(values(Significance)),
      overdueOnly: z.boolean().nullish(),
    })
    .strict(),
  g: z.array(z.enum(["ALL", "REGION", "MUNICIPALITY", "SCHOOL", "CURATOR"])).min(1).max(5),
  o: z.object({ v: z.string().max(60), d: z.union([z.literal(0), z.literal(1)]) }).optional(),
  i: inactiveDaysSchema,
});

/** Reads the arguments of a download URL with the same rules the GraphQL arguments follow. */
export function parseExportQuery(report: ExportKind, q: string | null): ExportRequest {
  if (!q) throw new ExportInputError("В ссылке нет параметров отчёта (q)");
  let json: unknown;
  try {
    json = JSON.parse(inflateRawSync(Buffer.from(q, "base64url"), { maxOutputLength: 1 << 20 }).toString("utf8"));
  } catch {
    throw new ExportInputError("Ссылка на выгрузку повреждена: получите новую через reportExportUrl");
  }
  const wire = wireSchema.safeParse(json);
  if (!wire.success) throw new ExportInputError(`Неверные параметры выгрузки: ${wire.error.issues.map((i) => i.message).join("; ")}`);
  const checked = reportFilterSchema.safeParse(wire.data.f);
  if (!checked.success) throw new ExportInputError(checked.error.issues.map((i) => i.message).join("; "));
  const req: ExportRequest = {
    report,
    filter: wire.data.f as FilterInput,
    groupBy: wire.data.g,
    order: wire.data.o ? { value: wire.data.o.v, desc: wire.data.o.d === 1 } : null,
    inactiveDays: wire.data.i,
  };
  checkOrder(req);
  return req;
}

const SCORE_ORDERS = ["REGION", "POINTS"];

/** The order value must be one of the report's own (a clear error names the allowed ones). */
export function checkOrder(req: ExportRequest): void {
  if (!req.order) return;
  const ok = req.report === "REGION_SCORES" ? SCORE_ORDERS.includes(req.order.value) : !!orderColumn(req.report as OrderedReport, req.order.value);
  if (!ok) throw new ExportInputError(`Сортировка ${req.order.value} не подходит для отчёта «${REPORT_TITLE[req.report]}»`);
}

const orderOf = (req: ExportRequest): Order =>
  req.order && req.report !== "REGION_SCORES"
    ? { column: orderColumn(req.report as OrderedReport, req.order.value)!, desc: req.order.desc }
    : { column: "group", desc: false };

// ---------------------------------------------------------------- tables

type CellKind = FigureKind | "text" | "date" | "bool" | "decimal";

interface Column<R> {
  header: string;
  kind: CellKind;
  value: (r: R) => unknown;
  width?: number;
}

interface Table {
  sheet: string;
  grouping: string;
  columns: Column<any>[];
  rows: any[];
}

interface Names {
  regions: Map<string, { name: string; code: number }>;
  municipalities: Map<string, string>;
}

const figureColumns = (figures: readonly Figure[], prefix = ""): Column<Record<string, unknown>>[] =>
  figures.map((x) => ({ header: prefix + x.header, kind: x.kind, value: (r) => r[x.column] }));

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

const PARTICIPATION_LABEL: Record<ParticipationStatus, string> = {
  PARTICIPATING: "участвует",
  LEFT_LOW_RESULTS: "вышла из списка ШНОР",
  WITHDRAWN: "исключена",
};
const MEASURE_LABEL: Record<MeasureStatus, string> = { PLANNED: "запланировано", IN_PROGRESS: "выполняется", DONE: "выполнено", CANCELLED: "отменено" };
const SIGNIFICANCE_LABEL: Record<Significance, string> = { HIGH: "высокая", MEDIUM: "средняя", LOW: "низкая" };
const stateLabel = (s: string) => (s === "MISSING" ? NOT_UPLOADED_LABEL : STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? s);

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
async function tables(ctx: { db: DB; viewer: Viewer }, req: ExportRequest, filter: ReportFilter): Promise<Table[]> {
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
  const names = await namesOf(ctx.db, out.flatMap((o) => o.rows));
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
            ...figureColumns(RISK_FIGURES),
          ],
          rows,
        };
      default: {
        const figures =
          req.report === "MONITORING"
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

// ---------------------------------------------------------------- the filter, in words

async function filterLines(db: DB, viewer: Viewer, req: ExportRequest, f: ReportFilter, now: Date, place: { territory: string }, clock: Clock): Promise<[string, string][]> {
  const [regions, municipalities, schools, curators] = await Promise.all([
    f.regionIds.length || f.regionCodes.length
      ? db.region.findMany({ where: { OR: [{ id: { in: f.regionIds } }, { code: { in: f.regionCodes } }] }, select: { name: true }, orderBy: { code: "asc" } })
      : [],
    f.municipalityIds.length ? db.municipality.findMany({ where: { id: { in: f.municipalityIds } }, select: { name: true }, orderBy: { name: "asc" } }) : [],
    f.schoolIds.length ? db.school.findMany({ where: { id: { in: f.schoolIds } }, select: { shortName: true }, orderBy: { shortName: "asc" } }) : [],
    f.curatorIds.length ? db.user.findMany({ where: { id: { in: f.curatorIds } }, select: { fullName: true }, orderBy: { fullName: "asc" } }) : [],
  ]);
  const lines: [string, string][] = [
    ["Отчёт", REPORT_TITLE[req.report]],
    ["Годы проекта", f.years.join(", ")],
    ["Территория", place.territory],
  ];
  const add = (label: string, items: string[]) => items.length && lines.push([label, items.join("; ")]);
  add("Субъекты РФ", regions.map((r) => r.name));
  add("Муниципалитеты", municipalities.map((m) => m.name));
  add("Школы", schools.map((s) => s.shortName));
  add("Кураторы", curators.map((c) => c.fullName));
  add("Статусы участия", f.participationStatuses.map((s) => PARTICIPATION_LABEL[s]));
  add("Факторы риска (№)", f.riskFactorNumbers.map(String));
  if (f.inactiveForDays != null) lines.push(["Без активности, дней", `не меньше ${f.inactiveForDays}`]);
  if (f.from || f.to) lines.push(["Период", `${f.from ? ruDate(f.from) : "…"} — ${f.to ? ruDate(f.to) : "…"}`]);
  add("Виды документов", f.documentKinds.map((k) => KIND_TITLE[k]));
  add("Состояния документов", f.documentStates.map(stateLabel));
  add("Статусы мероприятий", f.measureStatuses.map((s) => MEASURE_LABEL[s]));
  add("Значимость факторов", f.significances.map((s) => SIGNIFICANCE_LABEL[s]));
  if (f.overdueOnly) lines.push(["Только просроченные", "да"]);
  if (req.report === "MONITORING") lines.push(["Без активности считается", `${req.inactiveDays} дней и больше`]);
  if (req.order) lines.push(["Сортировка", `${req.order.value}${req.order.desc ? " (по убыванию)" : ""}`]);
  lines.push(["Сформирован", `${ruDateTime(now, clock)} (${clock.label})`], ["Пользователь", `${viewer.fullName} <${viewer.email}>`]);
  return lines;
}

// ---------------------------------------------------------------- formats

/**
 * The clock of an export: the viewer's region's time zone, as the screen shows it (Moscow for a viewer of
 * several regions or of the whole country). `shift` turns an instant into the wall-clock time there.
 */
export interface Clock {
  timeZone: string;
  /** Put in headers: «МСК» or «время региона, UTC+9». */
  label: string;
  shift(d: Date): Date;
}

/** Minutes `timeZone` is ahead of UTC at `d`. */
function offsetMinutes(timeZone: string, d: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export function clockOf(timeZone: string | null | undefined): Clock {
  const zone = timeZone || "Europe/Moscow";
  const now = offsetMinutes(zone, new Date());
  const label = zone === "Europe/Moscow" ? "МСК" : `время региона, UTC${now >= 0 ? "+" : "−"}${Math.abs(now) / 60}`;
  return { timeZone: zone, label, shift: (d) => new Date(d.getTime() + offsetMinutes(zone, d) * 60_000) };
}

const MOSCOW = clockOf("Europe/Moscow");
const pad = (n: number) => String(n).padStart(2, "0");
const ruDate = (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
const ruDateTime = (d: Date, clock: Clock) => {
  const m = clock.shift(d);
  return `${ruDate(m)} ${pad(m.getUTCHours())}:${pad(m.getUTCMinutes())}`;
};

/**
 * Where the viewer works, in words, for the «Территория» line, and its one region's time zone (if it has
 * exactly one region). Two small queries.
 */
async function viewerPlace(db: DB, viewer: Viewer): Promise<{ territory: string; timeZone: string | null }> {
  if (viewer.read.all) return { territory: "Все субъекты РФ", timeZone: null };
  const roles = viewer.roles;
  const [regions, municipalities, schools] = await Promise.all([
    db.region.findMany({ where: { id: { in: [...new Set([...roles.flatMap((r) => (r.regionId ? [r.regionId] : [])), ...viewer.read.contextRegionIds])] } }, select: { id: true, name: true, timeZone: true } }),
    db.municipality.findMany({ where: { id: { in: roles.flatMap((r) => (r.municipalityId ? [r.municipalityId] : [])) } }, select: { name: true, region: { select: { id: true, name: true, timeZone: true } } } }),
    db.school.findMany({ where: { id: { in: [...roles.flatMap((r) => (r.schoolId ? [r.schoolId] : [])), ...viewer.read.curatedSchoolIds] } }, select: { shortName: true, municipality: { select: { region: { select: { id: true, name: true, timeZone: true } } } } } }),
  ]);
  const zones = new Map<string, string>();
  for (const r of regions) zones.set(r.id, r.timeZone);
  for (const m of municipalities) zones.set(m.region.id, m.region.timeZone);
  for (const s of schools) zones.set(s.municipality.region.id, s.municipality.region.timeZone);
  const ownRegions = regions.filter((r) => roles.some((x) => x.regionId === r.id));
  const parts = [
    ...ownRegions.map((r) => r.name),
    ...municipalities.map((m) => `${m.name} (${m.region.name})`),
    ...schools.map((s) => s.shortName),
  ];
  return { territory: parts.join("; ") || "нет территории", timeZone: zones.size === 1 ? [...zones.values()][0]! : null };
}

/** The value as the API shows it (figures.ts roundFigure), so an export equals the screen. */
function normalise(kind: CellKind, v: unknown): string | number | Date | boolean | null {
  if (v == null) return null;
  switch (kind) {
    case "int":
    case "share":
    case "days":
      return roundFigure(kind, v);
    case "decimal":
      return Number(v);
    case "datetime":
    case "date":
      return v instanceof Date ? v : new Date(String(v));
    case "bool":
      return !!v;
    default:
      return String(v);
  }
}

function csvCell(kind: CellKind, v: unknown, clock: Clock = MOSCOW): string {
  const n = normalise(kind, v);
  if (n == null) return "";
  let s: string;
  if (typeof n === "number") s = String(n).replace(".", ",");
  else if (typeof n === "boolean") s = n ? "да" : "нет";
  else if (n instanceof Date) s = kind === "date" ? n.toISOString().slice(0, 10) : `${clock.shift(n).toISOString().slice(0, 16).replace("T", " ")}`;
  else return csvTextField(n);
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Headers name the clock of their times: «Отправлен (МСК)» becomes «Отправлен (время региона, UTC+9)». */
const headerOf = (header: string, clock: Clock) => header.replace("(МСК)", `(${clock.label})`);

export function toCsv(table: Table, clock: Clock = MOSCOW): string {
  const lines = [table.columns.map((c) => csvCell("text", headerOf(c.header, clock))).join(";")];
  for (const r of table.rows) lines.push(table.columns.map((c) => csvCell(c.kind, c.value(r), clock)).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const NUM_FMT: Partial<Record<CellKind, string>> = {
  int: "0",
  share: "0.0%",
  days: "0.0",
  decimal: "0.####",
  datetime: "dd.mm.yyyy hh:mm",
  date: "dd.mm.yyyy",
};

async function toXlsx(tablesOut: Table[], lines: [string, string][], clock: Clock): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "МЭДК";
  wb.created = new Date();
  for (const t of tablesOut) {
    const ws = wb.addWorksheet(t.sheet);
    const [[, title], ...rest] = lines;
    ws.addRow([`${title} — ${t.grouping}`]).font = { bold: true, size: 13 };
    for (const [label, value] of rest) {
      const row = ws.addRow([label, value]);
      row.getCell(1).font = { bold: true };
    }
    ws.addRow([]);
    const header = ws.addRow(t.columns.map((c) => headerOf(c.header, clock)));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    header.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
      cell.border = { bottom: { style: "thin" } };
    });
    const headerRow = header.number;
    for (const r of t.rows) {
      const row = ws.addRow(
        t.columns.map((c) => {
          const v = normalise(c.kind, c.value(r));
          if (v instanceof Date) return c.kind === "date" ? v : clock.shift(v);
          if (typeof v === "boolean") return v ? "да" : "нет";
          return v;
        }),
      );
      t.columns.forEach((c, i) => {
        const fmt = NUM_FMT[c.kind];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
    }
    t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? Math.min(24, Math.max(10, c.header.length * 0.9))));
    ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 22);
    ws.views = [{ state: "frozen", ySplit: headerRow, xSplit: 0 }];
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: t.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Builds the export for a viewer: the report re-run with the viewer's reach. */
export async function buildExport(ctx: { db: DB; viewer: Viewer }, format: ExportFormat, req: ExportRequest): Promise<ExportFile> {
  const filter = toReportFilter(req.filter);
  const now = new Date();
  const out = await tables(ctx, req, filter);
  const base = `МЭДК — ${REPORT_TITLE[req.report]} — ${filter.years.join(", ")}`;
  const place = await viewerPlace(ctx.db, ctx.viewer);
  const clock = clockOf(place.timeZone);
  if (format === "CSV")
    return { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(toCsv(out[0]!, clock), "utf8") };
  const lines = await filterLines(ctx.db, ctx.viewer, req, filter, now, place, clock);
  return {
    fileName: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: await toXlsx(out, lines, clock),
  };
}

// What an export is asked for and how it travels: the report, its filter, groupings, order and, for
// «как на экране», the screen's figures with their labels. The URL carries only these arguments
// (deflated JSON in base64url); the download reads them back with the same rules the GraphQL arguments
// follow.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { DocumentKind, MeasureStatus, ParticipationStatus, Significance } from "../../../../prisma/generated/client/enums.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES, type Figure } from "./figures.ts";
import { orderColumn, PARTICIPANTS_ONLY, type OrderedReport } from "./orders.ts";
import type { FilterInput, GlobalId } from "./service.ts";
import type { GroupBy, Order } from "./sql.ts";
import { inactiveDaysSchema, reportFilterSchema } from "./validation.ts";

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
  /**
   * «Как на экране»: the figures the screen shows, in its order and with its labels (a figure is its path
   * in the report row, `documents.owed`). Null: «все показатели» — every figure of the report.
   */
  columns: ScreenColumn[] | null;
}

/** A column of the screen: the figure's path in the report row and the label the screen gives it. */
export interface ScreenColumn {
  figure: string;
  label: string;
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

export const SLUG: Record<ExportKind, string> = {
  MONITORING: "monitoring",
  DOCUMENTS: "documents",
  MEASURES: "measures",
  RISKS: "risks",
  DOCUMENT_LIST: "document-list",
  MEASURE_LIST: "measure-list",
  REGION_SCORES: "region-scores",
};
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
  const wire = {
    f,
    g: req.groupBy,
    o: req.order ? { v: req.order.value, d: req.order.desc ? 1 : 0 } : undefined,
    i: req.inactiveDays,
    c: req.columns?.map((c) => [c.figure, c.label]),
  };
  const q = deflateRawSync(Buffer.from(JSON.stringify(wire))).toString("base64url");
  return `/files/reports/${SLUG[req.report]}.${format.toLowerCase()}?q=${q}`;
}

const gid = z
  .string()
  .max(200)
  .transform((s, c): GlobalId => {
    try {
      return decodeGlobalID(s);
    } catch {
      c.addIssue({ code: "custom", message: "Неверный глобальный id в фильтре" });
      return z.NEVER;
    }
  });
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Дата — ГГГГ-ММ-ДД")
  .transform((s) => new Date(`${s}T00:00:00Z`));
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
  g: z
    .array(z.enum(["ALL", "REGION", "MUNICIPALITY", "SCHOOL", "CURATOR"]))
    .min(1)
    .max(5),
  o: z.object({ v: z.string().max(60), d: z.union([z.literal(0), z.literal(1)]) }).optional(),
  i: inactiveDaysSchema,
  c: z
    .array(z.tuple([z.string().max(60), z.string().max(120)]))
    .min(1)
    .max(60)
    .optional(),
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
    columns: wire.data.c?.map(([figure, label]) => ({ figure, label })) ?? null,
  };
  checkOrder(req);
  checkColumns(req);
  return req;
}

const SCORE_ORDERS = ["REGION", "POINTS"];

/** The order value must be one of the report's own (a clear error names the allowed ones). */
export function checkOrder(req: ExportRequest): void {
  if (!req.order) return;
  const ok = req.report === "REGION_SCORES" ? SCORE_ORDERS.includes(req.order.value) : !!orderColumn(req.report as OrderedReport, req.order.value);
  if (!ok) throw new ExportInputError(`Сортировка ${req.order.value} не подходит для отчёта «${REPORT_TITLE[req.report]}»`);
}

export const orderOf = (req: ExportRequest): Order =>
  req.order && req.report !== "REGION_SCORES" ? { column: orderColumn(req.report as OrderedReport, req.order.value)!, desc: req.order.desc } : { column: "group", desc: false };

/** The figures a report's screen may show, by their path in the report row (`documents.owed`). */
function screenFigures(report: ExportKind): Map<string, Figure> | null {
  const by = (figures: readonly Figure[], prefix = "") => figures.map((x) => [prefix + x.field, x] as const);
  switch (report) {
    case "MONITORING":
      return new Map([...by(PARTICIPATION_FIGURES), ...by(DOCUMENT_FIGURES, "documents."), ...by(MEASURE_FIGURES, "measures."), ...by(CONSULTATION_FIGURES, "consultation.")]);
    case "DOCUMENTS":
      return new Map([...by(PARTICIPANTS_ONLY), ...by(DOCUMENT_FIGURES)]);
    case "MEASURES":
      return new Map([...by(PARTICIPANTS_ONLY), ...by(MEASURE_FIGURES)]);
    case "RISKS":
      return new Map(by(RISK_FIGURES));
    default:
      return null;
  }
}

/** The figure behind a screen column (checked by checkColumns before any export is built). */
export const screenFigure = (report: ExportKind, figure: string): Figure => screenFigures(report)!.get(figure)!;

/** «Как на экране» names figures of this report only, each once, with a label. */
export function checkColumns(req: ExportRequest): void {
  if (!req.columns) return;
  const known = screenFigures(req.report);
  if (!known) throw new ExportInputError(`У отчёта «${REPORT_TITLE[req.report]}» нет выбора показателей: выгружаются все столбцы`);
  const seen = new Set<string>();
  for (const c of req.columns) {
    if (!known.has(c.figure)) throw new ExportInputError(`Показателя ${c.figure} нет в отчёте «${REPORT_TITLE[req.report]}»`);
    if (seen.has(c.figure)) throw new ExportInputError(`Показатель ${c.figure} назван дважды`);
    if (!c.label.trim()) throw new ExportInputError(`У показателя ${c.figure} нет названия столбца`);
    seen.add(c.figure);
  }
}

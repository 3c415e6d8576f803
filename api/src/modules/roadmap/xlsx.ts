// Roadmaps in Excel: the table schools already keep («№, описание действий, сроки реализации,
// показатель», as in the municipal roadmap of Балейский район) plus our columns. Reading turns every
// row into a measure or into a problem naming the row; writing produces a file the reader accepts back.
import ExcelJS from "exceljs";
import { readXlsxRows, TableTooLargeError, type TableLimits } from "../../shared/table.ts";
import type { MeasureStatus } from "../../../../prisma/generated/client/enums.ts";
import type { MeasurePlan } from "./service.ts";
import { cellLines, cellText, lower, parseDateCell, parseNumber, parsePeriod } from "./xlsx-cells.ts";
import { evidenceUrl, measureProblems, measureTitle, measureFieldShapes, commentBody, reasonText } from "./validation.ts";

// ---------------------------------------------------------------- columns

type ColumnKey =
  "number" | "title" | "period" | "indicator" | "start" | "due" | "responsible" | "risk" | "unit" | "baseline" | "target" | "actual" | "status" | "evidence" | "comment" | "cancelReason";

/** Column titles as written on export; import also recognises the usual variants (see `matches`). */
export const COLUMNS: { key: ColumnKey; title: string; width: number; matches: RegExp }[] = [
  { key: "number", title: "№", width: 6, matches: /^(№|n|no|номер)(\s*п\/п)?$/ },
  { key: "title", title: "Описание действий", width: 60, matches: /описание|мероприяти|наименование/ },
  { key: "period", title: "Сроки реализации", width: 22, matches: /^сроки?( реализации| исполнения| проведения)?$/ },
  { key: "indicator", title: "Показатель", width: 45, matches: /показател/ },
  { key: "start", title: "Дата начала", width: 13, matches: /^(дата )?начала?$/ },
  { key: "due", title: "Срок выполнения (дата)", width: 16, matches: /^(срок выполнения|дата окончания|дата выполнения|срок выполнения \(дата\))$/ },
  { key: "responsible", title: "Ответственные", width: 30, matches: /ответствен|исполнител/ },
  { key: "risk", title: "Фактор риска", width: 40, matches: /фактор/ },
  { key: "unit", title: "Единица измерения", width: 12, matches: /единиц/ },
  { key: "baseline", title: "Базовое значение", width: 12, matches: /базов/ },
  { key: "target", title: "Целевое значение", width: 12, matches: /целев/ },
  { key: "actual", title: "Фактическое значение", width: 12, matches: /фактическ/ },
  { key: "status", title: "Статус", width: 15, matches: /^статус/ },
  { key: "evidence", title: "Подтверждения (ссылки)", width: 40, matches: /подтвержд|доказат/ },
  { key: "comment", title: "Комментарий", width: 40, matches: /коммент/ },
  { key: "cancelReason", title: "Причина отмены", width: 30, matches: /причина отмены/ },
];
const COLUMN_TITLE = Object.fromEntries(COLUMNS.map((c) => [c.key, c.title])) as Record<ColumnKey, string>;

export const STATUS_TITLES: Record<MeasureStatus, string> = {
  PLANNED: "Запланировано",
  IN_PROGRESS: "Выполняется",
  DONE: "Выполнено",
  CANCELLED: "Отменено",
};
const STATUS_WORDS: [RegExp, MeasureStatus][] = [
  [/^(запланирован|планиру|план$|не начат)/, "PLANNED"],
  [/^(выполняется|в работе|в процессе|начат)/, "IN_PROGRESS"],
  [/^(выполнен|исполнен|завершен|сделан|готово)/, "DONE"],
  [/^отмен/, "CANCELLED"],
];

// ---------------------------------------------------------------- reading a workbook

export interface ImportedMeasure {
  row: number;
  plan: MeasurePlan;
  actualValue: string | null;
  status: MeasureStatus;
  cancelReason: string | null;
  links: string[];
  comment: string | null;
}

export interface ImportProblem {
  /** Row number as Excel shows it (null for problems of the whole file). */
  row: number | null;
  message: string;
}

export interface ImportContext {
  /** The programme year, for periods that name no year. */
  year: number;
  /** Risk factors of the year by number, and whether the school chose each (always true for municipal roadmaps). */
  factors: Map<number, { id: string; title: string; chosen: boolean }>;
}

export const IMPORT_MAX_ROWS = 1000;

/**
 * Bounds of reading an imported roadmap workbook (at most 5 MB, see transfer.ts): a real plan of a
 * thousand measures unpacks to a few megabytes, so 40 MB unpacked, 5 000 rows in all sheets, 60 columns
 * and 10 000 characters a cell leave ample room and refuse a crafted file within a fraction of a second.
 */
export const ROADMAP_TABLE_LIMITS: TableLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxUncompressed: 40 * 1024 * 1024,
  maxSharedStrings: 8 * 1024 * 1024,
  maxRows: 5_000,
  maxColumns: 60,
  maxCellChars: 10_000,
};

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0]!.message);

/**
 * Reads the first sheet that has a header row (a row naming «Описание действий» and «Сроки
 * реализации» or a due-date column, within the first 30 rows). Every following non-empty row becomes
 * a measure, or problems naming the row and the column. Nothing is partial: the caller writes only
 * when `problems` is empty.
 */
export async function readRoadmapWorkbook(data: Uint8Array, ctx: ImportContext): Promise<{ measures: ImportedMeasure[]; problems: ImportProblem[] }> {
  const fileProblem = (message: string) => ({ measures: [], problems: [{ row: null, message }] });
  let sheetRows: Map<number, ExcelJS.CellValue[]> | null = null;
  let headerRow = 0;
  const columns = new Map<ColumnKey, number>();
  try {
    // The shared bounded streaming reader: a crafted workbook is refused while it is read, before the
    // row limit below would ever see it.
    let current = -1;
    for await (const row of readXlsxRows(data, ROADMAP_TABLE_LIMITS, { dates: true })) {
      const values = row.values as ExcelJS.CellValue[];
      if (sheetRows) {
        if (row.sheet !== current) break; // the plan is on the sheet with the header
        if (row.rowNumber - headerRow > IMPORT_MAX_ROWS) return fileProblem(`Слишком много строк: не больше ${IMPORT_MAX_ROWS} мероприятий за один импорт`);
        sheetRows.set(row.rowNumber, values);
        continue;
      }
      current = row.sheet;
      if (row.rowNumber > 30) continue; // the header is within the first 30 rows of a sheet
      const found = new Map<ColumnKey, number>();
      values.forEach((v, i) => {
        const text = lower(cellText(v ?? null));
        const c = COLUMNS.find((c) => !found.has(c.key) && c.matches.test(text));
        if (c && text) found.set(c.key, i + 1);
      });
      if (found.has("title") && (found.has("period") || found.has("due"))) {
        sheetRows = new Map();
        headerRow = row.rowNumber;
        for (const [k, v] of found) columns.set(k, v);
      }
    }
  } catch (e) {
    if (e instanceof TableTooLargeError) return fileProblem(e.message);
    return fileProblem("Файл не читается как книга Excel .xlsx (повреждён или это другой формат, например .xls): сохраните таблицу в формате .xlsx");
  }
  if (!sheetRows)
    return {
      measures: [],
      problems: [{ row: null, message: "Не найдена строка заголовков: ожидаются столбцы «№», «Описание действий», «Сроки реализации», «Показатель»" }],
    };

  const measures: ImportedMeasure[] = [];
  const problems: ImportProblem[] = [];
  const lastRow = Math.max(headerRow, ...sheetRows.keys());

  const rows = sheetRows;
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const cells = rows.get(r) ?? [];
    const row = { getCell: (col: number) => ({ value: (cells[col - 1] ?? null) as ExcelJS.CellValue }) };
    const cell = (k: ColumnKey): ExcelJS.CellValue => (columns.has(k) ? row.getCell(columns.get(k)!).value : null);
    const text = (k: ColumnKey) => cellText(cell(k));
    if ([...columns.keys()].every((k) => !text(k))) continue;
    const rowProblems: string[] = [];
    const bad = (k: ColumnKey, message: string) => rowProblems.push(`«${COLUMN_TITLE[k]}»: ${message}`);

    const number = text("number");
    if (number && !/^\d{1,4}\.?$/.test(number)) bad("number", `ожидается номер строки, указано «${number}»`);

    const title = measureTitle.safeParse(text("title"));
    if (!title.success) bad("title", firstIssue(title)!);

    const periodText = cell("period") instanceof Date ? "" : text("period");
    let dates: { startDate?: Date | null; dueDate?: Date | null } = {};
    try {
      if (cell("period") instanceof Date) dates.dueDate = parseDateCell(cell("period"), ctx.year);
      else if (periodText) dates = parsePeriod(periodText, ctx.year);
    } catch (e) {
      bad("period", (e as Error).message);
    }
    for (const k of ["start", "due"] as const) {
      try {
        const d = parseDateCell(cell(k), ctx.year);
        if (d) dates[k === "start" ? "startDate" : "dueDate"] = d;
      } catch (e) {
        bad(k, (e as Error).message);
      }
    }

    const values: Record<"baseline" | "target" | "actual", string | null> = { baseline: null, target: null, actual: null };
    let percent = false;
    for (const k of ["baseline", "target", "actual"] as const) {
      try {
        const n = parseNumber(cell(k));
        values[k] = n.value;
        percent ||= n.percent;
      } catch (e) {
        bad(k, (e as Error).message);
      }
    }
    const unit = text("unit") || (percent ? "%" : "");

    let riskFactorId: string | null = null;
    const risk = text("risk");
    if (risk) {
      const n = /^(\d{1,2})\b/.exec(risk);
      const f = n ? ctx.factors.get(Number(n[1])) : undefined;
      if (!f) bad("risk", `нет фактора риска № ${n?.[1] ?? `«${risk}»`} в году проекта; укажите номер фактора (например, «3»)`);
      else if (!f.chosen) bad("risk", `фактор риска «${f.title}» не выбран школой для работы`);
      else riskFactorId = f.id;
    }

    let status: MeasureStatus = "PLANNED";
    const statusText = lower(text("status"));
    if (statusText) {
      const s = STATUS_WORDS.find(([re]) => re.test(statusText));
      if (!s) bad("status", `неизвестный статус «${text("status")}»; допустимо: ${Object.values(STATUS_TITLES).join(", ")}`);
      else status = s[1];
    }

    const links = cellLines(cell("evidence"));
    for (const l of links) if (!evidenceUrl.safeParse(l).success) bad("evidence", `не ссылка http(s): «${l.length > 60 ? `${l.slice(0, 57)}…` : l}»`);
    const comment = text("comment") || null;
    if (comment && !commentBody.safeParse(comment).success) bad("comment", firstIssue(commentBody.safeParse(comment))!);
    const cancelReason = text("cancelReason") || null;
    if (status === "CANCELLED" && !cancelReason) bad("cancelReason", "для отменённого мероприятия укажите причину отмены");
    if (cancelReason && !reasonText.safeParse(cancelReason).success) bad("cancelReason", firstIssue(reasonText.safeParse(cancelReason))!);
    if (status === "DONE" && !links.length && !comment) bad("status", "«Выполнено» требует ссылки-подтверждения или комментария, почему подтверждения нет");

    const responsible = cellLines(cell("responsible"));
    const shapes = {
      responsible: measureFieldShapes.responsible.safeParse(responsible),
      indicatorName: measureFieldShapes.indicatorName.safeParse(text("indicator") || null),
      indicatorUnit: measureFieldShapes.indicatorUnit.safeParse(unit || null),
      periodLabel: measureFieldShapes.periodLabel.safeParse(periodText || null),
    };
    const shapeColumns = { responsible: "responsible", indicatorName: "indicator", indicatorUnit: "unit", periodLabel: "period" } as const;
    for (const [k, res] of Object.entries(shapes)) if (!res.success) bad(shapeColumns[k as keyof typeof shapes], firstIssue(res)!);

    const plan: MeasurePlan = {
      title: title.success ? title.data : "",
      startDate: dates.startDate ?? null,
      dueDate: dates.dueDate ?? null,
      // A period written only in figures («01.10.2026 – 15.10.2026», as the export writes dates) is carried
      // by the dates themselves; words («Январь–февраль», «До 30 апреля») stay as the label.
      periodLabel: periodText && !/^[\d.\s–—-]+$/.test(periodText) ? periodText : null,
      responsible,
      riskFactorId,
      indicatorName: text("indicator") || null,
      indicatorUnit: unit || null,
      baselineValue: values.baseline,
      targetValue: values.target,
    };
    if (!rowProblems.length) for (const p of measureProblems({ ...plan, actualValue: values.actual })) rowProblems.push(p.message);
    if (rowProblems.length) problems.push(...rowProblems.map((message) => ({ row: r, message })));
    else measures.push({ row: r, plan, actualValue: values.actual, status, cancelReason, links, comment });
  }
  if (!measures.length && !problems.length) problems.push({ row: null, message: "В таблице нет ни одного мероприятия под строкой заголовков" });
  return { measures, problems };
}

// ---------------------------------------------------------------- writing a workbook

export interface ExportedMeasure {
  position: number;
  title: string;
  periodLabel: string | null;
  startDate: Date | null;
  dueDate: Date | null;
  indicatorName: string | null;
  responsible: string[];
  riskFactor: { number: number; title: string } | null;
  indicatorUnit: string | null;
  baselineValue: unknown;
  targetValue: unknown;
  actualValue: unknown;
  status: MeasureStatus;
  cancelReason: string | null;
  evidence: { url: string | null }[];
  comments: { body: string }[];
}

const ruDate = (d: Date) => d.toISOString().slice(0, 10).split("-").reverse().join(".");
const num = (v: unknown) => (v == null ? null : Number(String(v)));

/** The roadmap as an .xlsx workbook: a title, then the table with our columns (re-importable). */
export async function writeRoadmapWorkbook(title: string, measures: ExportedMeasure[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "МЭДК";
  const ws = wb.addWorksheet("Дорожная карта", { views: [{ state: "frozen", ySplit: 3 }] });
  ws.getCell("A1").value = title;
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.getCell("A2").value = `Выгружено из МЭДК ${ruDate(new Date())}`;
  const header = ws.getRow(3);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.title;
    ws.getColumn(i + 1).width = c.width;
  });
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  for (const m of measures) {
    const period = m.periodLabel ?? (m.startDate && m.dueDate ? `${ruDate(m.startDate)} – ${ruDate(m.dueDate)}` : m.dueDate ? ruDate(m.dueDate) : "");
    const row = ws.addRow([
      m.position,
      m.title,
      period,
      m.indicatorName ?? "",
      m.startDate ?? null,
      m.dueDate ?? null,
      m.responsible.join("; "),
      m.riskFactor ? `${m.riskFactor.number}. ${m.riskFactor.title}` : "",
      m.indicatorUnit ?? "",
      num(m.baselineValue),
      num(m.targetValue),
      num(m.actualValue),
      STATUS_TITLES[m.status],
      m.evidence.flatMap((e) => (e.url ? [e.url] : [])).join("\n"),
      m.comments.map((c) => c.body).join("\n"),
      m.cancelReason ?? "",
    ]);
    row.alignment = { vertical: "top", wrapText: true };
    row.getCell(5).numFmt = "dd.mm.yyyy";
    row.getCell(6).numFmt = "dd.mm.yyyy";
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

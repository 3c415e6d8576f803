// Reading an uploaded table (.xlsx, or .csv in UTF-8 or Windows-1251 with `;` or `,`) into rows, with
// every read bounded: the file's size, the archive's uncompressed size (declared and actual), the
// number of rows, cells per row and characters per cell. The .xlsx is streamed (exceljs WorkbookReader),
// so a 40,000-row national registry never sits in memory as a workbook, and a crafted "bomb" (a huge
// declared sheet, millions of rows, a giant string table) is refused before it costs time or memory.
// Every import reads through here: the registry (readTable) and roadmaps (readXlsxRows).
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { DomainError } from "../errors.ts";

/** Refused above this size, before reading (a national registry of 40,000 schools is ~8 MB as .xlsx). */
export const TABLE_MAX_BYTES = 30 * 1024 * 1024;
/** Refused above this total uncompressed size of an .xlsx (a zip bomb is refused unread). */
export const XLSX_MAX_UNCOMPRESSED = 400 * 1024 * 1024;
export const TABLE_MAX_ROWS = 60_000;
export const TABLE_MAX_COLUMNS = 40;
export const CELL_MAX_CHARS = 2_000;

export class TableUnreadableError extends DomainError {
  constructor(message: string) {
    super(message, "TABLE_UNREADABLE");
  }
}

/** A file refused for passing a bound (size, rows, columns, cell, unpacked size): the message names it. */
export class TableTooLargeError extends TableUnreadableError {}

export interface TableRow {
  /** Row number in the file (the header is row 1 when it is the first line). */
  rowNumber: number;
  cells: string[];
}
export interface Table {
  header: string[];
  rows: TableRow[];
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} МБ`;

/**
 * Reads `bytes` as a table; the first non-empty row is the header. `maxRows` (data rows) defaults to the
 * registry's bound; the survey import, one row per school and question, allows more.
 */
export async function readTable(bytes: Uint8Array, fileName: string, maxRows = TABLE_MAX_ROWS): Promise<Table> {
  if (!bytes.length) throw new TableUnreadableError("Файл пустой");
  if (bytes.length > TABLE_MAX_BYTES) throw new TableUnreadableError(`Файл больше ${mb(TABLE_MAX_BYTES)}: разделите его на части`);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) return readXlsx(bytes, maxRows);
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(fileName)) throw new TableUnreadableError("Файл не похож на таблицу Excel (.xlsx). Сохраните его как .xlsx или .csv");
  return readCsv(bytes, maxRows);
}

/** Text of `bytes`: UTF-8 when it is valid UTF-8 (with or without BOM), otherwise Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array, maxRows: number): Table {
  const text = decodeText(bytes);
  if (text.includes("\u0000")) throw new TableUnreadableError("Файл не похож на текстовую таблицу CSV");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      max_record_size: CELL_MAX_CHARS * TABLE_MAX_COLUMNS,
      to_line: maxRows + 2,
    }) as string[][];
  } catch (e) {
    throw new TableUnreadableError(`Файл CSV не читается: ${(e as Error).message.split("\n")[0]}`);
  }
  if (records.length > maxRows + 1) throw tooManyRows(maxRows + 1);
  return toTable(records.map((cells, i) => ({ rowNumber: i + 1, cells })));
}

const tooManyRows = (max = TABLE_MAX_ROWS + 1) => new TableTooLargeError(`В файле больше ${(max - 1).toLocaleString("ru-RU")} строк: разделите его на части`);

/** Sum of the uncompressed sizes in a zip's central directory (what unpacking it would take). */
export function zipUncompressedSize(bytes: Uint8Array): number {
  return zipEntries(bytes).reduce((sum, e) => sum + e.size, 0);
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of a zip's central directory (an .xlsx is a zip); Infinity for sizes it cannot state. */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new TableUnreadableError("Файл Excel повреждён (нет оглавления архива)");
  const count = view.getUint16(eocd + 10, true);
  if (count > ZIP_MAX_ENTRIES) throw new TableUnreadableError("Файл Excel повреждён (слишком много частей архива)");
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new TableUnreadableError("Файл Excel повреждён");
    const nameLength = view.getUint16(p + 28, true);
    const size = view.getUint32(p + 24, true);
    const compressedSize = view.getUint32(p + 20, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize,
      size: size === 0xffffffff ? Infinity : size,
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/** An .xlsx holds a dozen parts; thousands mean something else. */
const ZIP_MAX_ENTRIES = 1000;

/** Bounds on reading one uploaded table. */
export interface TableLimits {
  maxBytes: number;
  /** Total uncompressed size of an .xlsx: declared by its directory and checked while inflating. */
  maxUncompressed: number;
  /** Uncompressed size of the shared-strings part, which the reader keeps in memory. */
  maxSharedStrings: number;
  /** Rows in the whole file (every sheet). */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

export const REGISTRY_TABLE_LIMITS: TableLimits = {
  maxBytes: TABLE_MAX_BYTES,
  maxUncompressed: XLSX_MAX_UNCOMPRESSED,
  maxSharedStrings: 64 * 1024 * 1024,
  maxRows: TABLE_MAX_ROWS + 1,
  maxColumns: TABLE_MAX_COLUMNS,
  maxCellChars: CELL_MAX_CHARS,
};

const bombError = (limit: number) => new TableTooLargeError(`Файл Excel в распакованном виде больше ${mb(limit)}: такой файл не принимается`);

/**
 * Refuses a zip bomb before the workbook reader sees it: the directory's sizes must fit the limits, and
 * each part is inflated (streamed, output discarded, so memory stays flat) to check that it really is no
 * larger than the directory says — a crafted archive can understate its sizes.
 */
export async function checkZip(bytes: Uint8Array, limits: Pick<TableLimits, "maxUncompressed" | "maxSharedStrings">): Promise<void> {
  const entries = zipEntries(bytes);
  if (entries.reduce((sum, e) => sum + e.size, 0) > limits.maxUncompressed) throw bombError(limits.maxUncompressed);
  const shared = entries.find((e) => /^xl\/sharedStrings\.xml$/i.test(e.name));
  if (shared && shared.size > limits.maxSharedStrings) throw new TableTooLargeError(`Таблица строк файла Excel больше ${mb(limits.maxSharedStrings)}: файл искусственно раздут`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) throw new TableUnreadableError("Файл Excel повреждён");
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    if (start + e.compressedSize > bytes.length) throw new TableUnreadableError("Файл Excel повреждён (обрезан)");
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new TableUnreadableError("Файл Excel повреждён");
      continue;
    }
    if (e.method !== 8) throw new TableUnreadableError("Файл Excel сжат неизвестным способом");
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw();
      let out = 0;
      inflate.on("data", (chunk: Buffer) => {
        out += chunk.length;
        if (out > e.size) {
          inflate.destroy();
          reject(new TableTooLargeError("Файл Excel искусственно раздут: части архива больше, чем указано в его оглавлении"));
        }
      });
      inflate.on("end", () => resolve());
      inflate.on("error", () => reject(new TableUnreadableError("Файл Excel повреждён (часть архива не распаковывается)")));
      inflate.end(data);
    });
  }
}

/** One row of an .xlsx as the workbook reader gives it: raw cell values (strings, numbers, dates, rich text…), column 1 first. */
export interface XlsxRow {
  /** Index of the sheet in the file, from 0. */
  sheet: number;
  rowNumber: number;
  values: unknown[];
}

/** Characters a cell value holds (rich text and hyperlinks included). */
function cellChars(v: unknown): number {
  if (typeof v === "string") return v.length;
  if (v && typeof v === "object") {
    const o = v as { richText?: { text?: unknown }[]; text?: unknown; hyperlink?: unknown; formula?: unknown; result?: unknown };
    if (Array.isArray(o.richText)) return o.richText.reduce((n, r) => n + String(r.text ?? "").length, 0);
    return Math.max(String(o.text ?? "").length + String(o.hyperlink ?? "").length, String(o.formula ?? "").length, cellChars(o.result));
  }
  return 0;
}

/**
 * Streams the rows of every sheet of an .xlsx, refusing the file as soon as it passes a bound: its
 * size, a zip bomb (see {@link checkZip}), the rows of the whole file, columns per row, characters per
 * cell. Nothing but the shared strings and the current row is held, so memory stays bounded whatever
 * the sheet's declared dimension. `dates`: read styles so date cells come as Date (else as numbers).
 */
export async function* readXlsxRows(bytes: Uint8Array, limits: TableLimits, opts: { dates?: boolean } = {}): AsyncGenerator<XlsxRow> {
  if (bytes.length > limits.maxBytes) throw new TableTooLargeError(`Файл больше ${mb(limits.maxBytes)}: разделите его на части`);
  await checkZip(bytes, limits);
  const input = Readable.from(Buffer.from(bytes));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: opts.dates ? "cache" : "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let rows = 0;
  let sheetIndex = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (++rows > limits.maxRows) throw tooManyRows(limits.maxRows);
        const values = (row.values as unknown[]) ?? [];
        if (values.length > limits.maxColumns + 1) throw new TableTooLargeError(`Строка ${row.number}: больше ${limits.maxColumns} столбцов`);
        for (const v of values) if (cellChars(v) > limits.maxCellChars) throw new TableTooLargeError(`Строка ${row.number}: в ячейке больше ${limits.maxCellChars.toLocaleString("ru-RU")} символов`);
        // Array.from turns the holes exceljs leaves for empty cells into undefined (map would skip them).
        yield { sheet: sheetIndex, rowNumber: row.number, values: Array.from(values.slice(1)) };
      }
      sheetIndex++;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new TableUnreadableError(`Файл Excel не читается: ${(e as Error).message.split("\n")[0]}`);
  } finally {
    // A caller that stops early (a limit, or the rows it needs read) stops the unzipping too.
    input.destroy();
  }
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Table> {
  const rows: TableRow[] = [];
  for await (const row of readXlsxRows(bytes, { ...REGISTRY_TABLE_LIMITS, maxRows: maxRows + 1 })) {
    if (row.sheet > 0) break; // the registry is the first sheet
    rows.push({ rowNumber: row.rowNumber, cells: row.values.map(cellText) });
  }
  return toTable(rows);
}

function cellText(v: unknown): string {
  if (v == null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(Math.round(v)).toString() : String(v);
  if (typeof v === "boolean") return v ? "да" : "нет";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (o.text != null) return String(o.text);
    if ("result" in o) return cellText(o.result);
  }
  return String(v);
}

function toTable(all: TableRow[]): Table {
  const cleaned = all.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map((c) => (c ?? "").replace(/\s+/g, " ").trim()) }));
  for (const r of cleaned) for (const c of r.cells) if (c.length > CELL_MAX_CHARS) throw new TableUnreadableError(`Строка ${r.rowNumber}: в ячейке больше ${CELL_MAX_CHARS} символов`);
  const nonEmpty = cleaned.filter((r) => r.cells.some((c) => c));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new TableUnreadableError("В файле нет ни одной строки");
  return { header: head.cells, rows };
}

/** Finds the index of the column whose header matches one of `names` (case- and spacing-insensitive). */
export function columnIndex(header: string[], names: RegExp): number {
  return header.findIndex((h) => names.test(h.toLowerCase().replace(/ё/g, "е")));
}

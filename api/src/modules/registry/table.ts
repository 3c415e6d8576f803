// Reading an uploaded registry table (.xlsx, or .csv in UTF-8 or Windows-1251 with `;` or `,`) into
// rows of text cells, with every read bounded: the file's size, the archive's uncompressed size, the
// number of rows, cells per row and characters per cell. The .xlsx is streamed (exceljs WorkbookReader),
// so a 40,000-row national registry never sits in memory as a workbook.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { DomainError } from "../../errors.ts";

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

/** Reads `bytes` as a table; the first non-empty row is the header. */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (!bytes.length) throw new TableUnreadableError("Файл пустой");
  if (bytes.length > TABLE_MAX_BYTES) throw new TableUnreadableError(`Файл больше ${mb(TABLE_MAX_BYTES)}: разделите его на части`);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) return readXlsx(bytes);
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(fileName)) throw new TableUnreadableError("Файл не похож на таблицу Excel (.xlsx). Сохраните его как .xlsx или .csv");
  return readCsv(bytes);
}

/** Text of `bytes`: UTF-8 when it is valid UTF-8 (with or without BOM), otherwise Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Table {
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
      to_line: TABLE_MAX_ROWS + 2,
    }) as string[][];
  } catch (e) {
    throw new TableUnreadableError(`Файл CSV не читается: ${(e as Error).message.split("\n")[0]}`);
  }
  if (records.length > TABLE_MAX_ROWS + 1) throw tooManyRows();
  return toTable(records.map((cells, i) => ({ rowNumber: i + 1, cells })));
}

const tooManyRows = () => new TableUnreadableError(`В файле больше ${TABLE_MAX_ROWS.toLocaleString("ru-RU")} строк: разделите его на части`);

/** Sum of the uncompressed sizes in a zip's central directory (what unpacking it would take). */
export function zipUncompressedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new TableUnreadableError("Файл Excel повреждён (нет оглавления архива)");
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new TableUnreadableError("Файл Excel повреждён");
    const size = view.getUint32(p + 24, true);
    total += size === 0xffffffff ? Infinity : size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  if (zipUncompressedSize(bytes) > XLSX_MAX_UNCOMPRESSED)
    throw new TableUnreadableError(`Файл Excel в распакованном виде больше ${mb(XLSX_MAX_UNCOMPRESSED)}: это не реестр`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const rows: TableRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (rows.length > TABLE_MAX_ROWS) throw tooManyRows();
        const values = (row.values as unknown[]) ?? [];
        if (values.length > TABLE_MAX_COLUMNS + 1) throw new TableUnreadableError(`Строка ${row.number}: больше ${TABLE_MAX_COLUMNS} столбцов`);
        // Array.from visits the holes exceljs leaves for empty cells (map would keep them undefined).
        rows.push({ rowNumber: row.number, cells: Array.from(values.slice(1), cellText) });
      }
      break; // the registry is the first sheet
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new TableUnreadableError(`Файл Excel не читается: ${(e as Error).message.split("\n")[0]}`);
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
  for (const r of cleaned)
    for (const c of r.cells) if (c.length > CELL_MAX_CHARS) throw new TableUnreadableError(`Строка ${r.rowNumber}: в ячейке больше ${CELL_MAX_CHARS} символов`);
  const nonEmpty = cleaned.filter((r) => r.cells.some((c) => c));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new TableUnreadableError("В файле нет ни одной строки");
  return { header: head.cells, rows };
}

/** Finds the index of the column whose header matches one of `names` (case- and spacing-insensitive). */
export function columnIndex(header: string[], names: RegExp): number {
  return header.findIndex((h) => names.test(h.toLowerCase().replace(/ё/g, "е")));
}

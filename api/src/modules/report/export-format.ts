// The file formats of an export. XLSX (exceljs): Russian headers, number formats, one sheet per grouping,
// the filter written at the top. CSV: UTF-8 with BOM, `;`-separated, decimal comma — as Excel with Russian
// settings opens it; one table. Times are in the viewer's region's time zone, as the screen shows them.
import ExcelJS from "exceljs";
import { roundFigure } from "./figures.ts";
import { csvTextField } from "../../shared/csv.ts";
import type { CellKind, Table } from "./export-tables.ts";

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

export const MOSCOW = clockOf("Europe/Moscow");
const pad = (n: number) => String(n).padStart(2, "0");
export const ruDate = (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
export const ruDateTime = (d: Date, clock: Clock) => {
  const m = clock.shift(d);
  return `${ruDate(m)} ${pad(m.getUTCHours())}:${pad(m.getUTCMinutes())}`;
};

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

export async function toXlsx(tablesOut: Table[], lines: [string, string][], clock: Clock): Promise<Buffer> {
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

// Reading the cells of a roadmap table: text as a user sees it, multi-line lists, dates and periods
// written the Russian way («январь–февраль 2025», «до 15.03»), decimals with a comma or a percent sign.
import type ExcelJS from "exceljs";

const norm = (s: string) =>
  s
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
export const lower = (s: string) => norm(s).toLowerCase().replace(/ё/g, "е");

/** The text of a cell as a user sees it. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return "";
  if (typeof v === "string") return norm(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "да" : "нет";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("richText" in v) return norm(v.richText.map((r) => r.text).join(""));
  if ("hyperlink" in v) return norm(String(v.text ?? v.hyperlink));
  if ("result" in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  return "";
}

/** Multi-line text kept (for lists of people or links). */
export function cellLines(v: ExcelJS.CellValue): string[] {
  const raw =
    v && typeof v === "object" && "hyperlink" in v
      ? `${v.hyperlink}`
      : v && typeof v === "object" && "richText" in v
        ? v.richText.map((r) => r.text).join("")
        : typeof v === "string"
          ? v
          : cellText(v);
  return raw
    .split(/[\n;]+/)
    .map(norm)
    .filter(Boolean);
}

const utc = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
};
const fullYear = (y: string | undefined, fallback: number) => (y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : fallback);

const MONTHS: [RegExp, number][] = [
  [/^янв/, 1],
  [/^фев/, 2],
  [/^мар/, 3],
  [/^апр/, 4],
  [/^ма[йя]/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^авг/, 8],
  [/^сен/, 9],
  [/^окт/, 10],
  [/^ноя/, 11],
  [/^дек/, 12],
];
const MONTH = "(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])";
const monthOf = (word: string) => MONTHS.find(([re]) => re.test(word))![1];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0));

export class BadDate extends Error {}

/**
 * Dates of a period as plans write it, in the programme `year` when the text names none:
 * «17 января 2022», «до 30 апреля», «15.03.2022», «01.02.2022 – 28.02.2022», «Декабрь», «Январь–февраль»,
 * «В течение всего периода» (the whole year). Text it cannot read gives no dates (it stays the
 * period label); a date that cannot exist («31.02.2022») throws {@link BadDate}.
 */
export function parsePeriod(text: string, year: number): { startDate?: Date; dueDate?: Date } {
  const s = lower(text)
    .replace(/[–—−]/g, "-")
    .replace(/\s*г(од[а]?)?\.?$/, "")
    .replace(/\s*-\s*/g, "-")
    .trim();
  const date = (d: string, m: string, y: string | undefined) => {
    const r = utc(fullYear(y, year), Number(m), Number(d));
    if (!r) throw new BadDate(`неверная дата «${text}»`);
    return r;
  };
  let m: RegExpExecArray | null;
  if ((m = /^(?:до )?(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s))) return { dueDate: date(m[1]!, m[2]!, m[3]) };
  if ((m = /^(?:с )?(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?(?:-|по )(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s)))
    return { startDate: date(m[1]!, m[2]!, m[3] ?? m[6]), dueDate: date(m[4]!, m[5]!, m[6]) };
  if ((m = new RegExp(`^(?:до )?(\\d{1,2}) ${MONTH}(?: (\\d{4}))?$`).exec(s))) return { dueDate: date(m[1]!, String(monthOf(m[2]!)), m[3]) };
  if ((m = new RegExp(`^(?:с )?(\\d{1,2}) ${MONTH}(?: (\\d{4}))?(?:-|по )(\\d{1,2}) ${MONTH}(?: (\\d{4}))?$`).exec(s)))
    return { startDate: date(m[1]!, String(monthOf(m[2]!)), m[3] ?? m[6]), dueDate: date(m[4]!, String(monthOf(m[5]!)), m[6]) };
  if ((m = new RegExp(`^${MONTH}(?: (\\d{4}))?$`).exec(s))) {
    const y = fullYear(m[2], year);
    const mo = monthOf(m[1]!);
    return { startDate: utc(y, mo, 1)!, dueDate: lastDay(y, mo) };
  }
  if ((m = new RegExp(`^${MONTH}-${MONTH}(?: (\\d{4}))?$`).exec(s))) {
    const y = fullYear(m[3], year);
    const a = monthOf(m[1]!);
    const b = monthOf(m[2]!);
    return { startDate: utc(y, a, 1)!, dueDate: lastDay(b < a ? y + 1 : y, b) };
  }
  if (/^в течение (всего )?(периода|года|учебного года|проекта)/.test(s)) return { startDate: utc(year, 1, 1)!, dueDate: utc(year, 12, 31)! };
  return {};
}

export function parseDateCell(v: ExcelJS.CellValue, year: number): Date | null {
  if (v instanceof Date) return utc(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  const t = cellText(v);
  if (!t) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) {
    const d = utc(+iso[1]!, +iso[2]!, +iso[3]!);
    if (d) return d;
  }
  const p = parsePeriod(t, year);
  if (p.dueDate && !p.startDate) return p.dueDate;
  throw new BadDate(`неверная дата «${t}», ожидается ДД.ММ.ГГГГ`);
}

/** A decimal as the API stores it: "12.5" from 12.5, "12,5", "75 %". Throws on anything else. */
export function parseNumber(v: ExcelJS.CellValue): { value: string | null; percent: boolean } {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error("не число");
    return { value: String(Math.round(v * 10_000) / 10_000), percent: false };
  }
  const t = cellText(v).replace(/\s/g, "");
  if (!t) return { value: null, percent: false };
  const percent = t.endsWith("%");
  const s = t.replace(/%$/, "").replace(",", ".");
  if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(s)) throw new Error(`не число: «${cellText(v)}»`);
  return { value: String(Number(s)), percent };
}

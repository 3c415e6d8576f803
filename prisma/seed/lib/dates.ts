// Date helpers shared by the seeds. `@db.Date` columns take a Date at UTC midnight.

const DAY_MS = 86_400_000;

export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);

/** The calendar day of `d` (UTC) as a Date at midnight, for `@db.Date` columns. */
export const dateOnly = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export const utcDate = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));

/** The last day of the month `months` after `d`: a deadline "about N months ahead" on a round date. */
export const endOfMonthAfter = (d: Date, months: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0));

/** ISO date `YYYY-MM-DD`. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

const MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/** A period as plans write it: «ноябрь», «ноябрь–январь». */
export function periodLabel(start: Date, due: Date): string {
  const a = MONTHS_RU[start.getUTCMonth()]!;
  const b = MONTHS_RU[due.getUTCMonth()]!;
  const label = a === b && start.getUTCFullYear() === due.getUTCFullYear() ? a : `${a}–${b}`;
  return label[0]!.toUpperCase() + label.slice(1);
}

const MONTHS_RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

/** «30 апреля». */
export const ruDayMonth = (d: Date): string => `${d.getUTCDate()} ${MONTHS_RU_GENITIVE[d.getUTCMonth()]}`;

/** «17.12.2021», as decrees are dated. */
export const ruDate = (d: Date): string => `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;

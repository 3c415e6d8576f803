// Shape rules of event inputs (zod) and the pure rules of events: labels, the local start time, the
// e-mail column of a webinar platform's attendance export.
import { z } from "zod";
import type { EventKind, Role } from "../../../../prisma/generated/client/enums.ts";

export const EVENT_TITLE_MAX = 300;
export const EVENT_DESCRIPTION_MAX = 5000;
/** At most this many audience lines (role × territory) per event. */
export const AUDIENCE_MAX = 20;
/** An event invites at most this many people (a national webinar for all curators is ~3,000). */
export const INVITEES_MAX = 10_000;
/** At most this many attendance marks per call. */
export const MARKS_MAX = 500;

export const eventTitle = z.string().trim().min(1, "Укажите название мероприятия").max(EVENT_TITLE_MAX, `Название не длиннее ${EVENT_TITLE_MAX} символов`);
export const eventDescription = z.string().trim().max(EVENT_DESCRIPTION_MAX, `Описание не длиннее ${EVENT_DESCRIPTION_MAX} символов`);
export const eventUrl = z
  .string()
  .trim()
  .max(2000, "Ссылка не длиннее 2000 символов")
  .regex(/^(https?:\/\/\S+)?$/i, "Ссылка должна начинаться с http:// или https://");
/** «2026-12-10T10:00» — local time of the event's region. */
export const localStart = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Укажите дату и время начала (ДД.ММ.ГГГГ ЧЧ:ММ)")
  .refine((s) => parseLocal(s) !== null, "Такой даты нет в календаре")
  .refine((s) => {
    const y = +s.slice(0, 4);
    return y >= 2020 && y <= 2100;
  }, "Год — с 2020 по 2100");
export const duration = z.number().int().min(5, "Не короче 5 минут").max(1440, "Не длиннее суток");

export const KIND_LABEL: Record<EventKind, string> = {
  WEBINAR: "вебинар",
  SEMINAR: "семинар",
  CONFERENCE: "совещание",
  CONSULTATION: "консультация",
};

export const ROLE_AUDIENCE_LABEL: Record<Role, string> = {
  FEDERAL_COORDINATOR: "федеральные координаторы",
  REGIONAL_COORDINATOR: "региональные координаторы",
  MUNICIPAL_COORDINATOR: "муниципальные координаторы",
  CURATOR: "кураторы",
  SCHOOL: "школы",
  OBSERVER: "наблюдатели",
};

/** The parts of a local «YYYY-MM-DDTHH:MM», or null when it is not a real calendar time. */
export function parseLocal(s: string): { y: number; m: number; d: number; h: number; mi: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59) return null;
  return { y, m: mo, d, h, mi };
}

const EMAIL_HEADER = /(e-?mail|почт|адрес)/i;
const EMAIL_CELL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Which column of a platform's export holds the e-mail: a header naming it («Email», «Электронная почта»),
 * otherwise the first column whose first rows look like addresses. -1 when there is none.
 */
export function emailColumn(header: string[], rows: string[][]): number {
  const byName = header.findIndex((h) => EMAIL_HEADER.test(h));
  if (byName >= 0) return byName;
  const width = Math.max(header.length, ...rows.slice(0, 20).map((r) => r.length));
  for (let c = 0; c < width; c++) if (rows.slice(0, 20).some((r) => EMAIL_CELL.test((r[c] ?? "").trim()))) return c;
  return -1;
}

/** An address as users are stored: trimmed, lower-case; null when it does not look like one. */
export const normalEmail = (s: string | undefined) => {
  const e = (s ?? "").trim().toLowerCase();
  return EMAIL_CELL.test(e) ? e : null;
};

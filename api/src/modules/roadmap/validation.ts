// Shape rules of roadmap inputs (zod, attached to the GraphQL inputs) and the pure cross-field rules of a
// measure (dates in order, values that fit the indicator's unit), shared by the service and the
// .xlsx importer so a typed measure and an imported row are judged alike.
import { z } from "zod";

export const TITLE_MAX = 1000;
export const TEXT_MAX = 5000;
export const COMMENT_MAX = 5000;
export const REASON_MAX = 2000;
export const URL_MAX = 2000;
export const RESPONSIBLE_MAX = 20;

const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what} не длиннее ${max} символов`).nullish();

export const measureTitle = z.string().trim().min(1, "Укажите, что будет сделано (название мероприятия)").max(TITLE_MAX, `Название не длиннее ${TITLE_MAX} символов`);

/** Shapes of the plan fields of a measure (create and update alike; all but the title optional). */
export const measureFieldShapes = {
  description: optionalText(TEXT_MAX, "Описание"),
  periodLabel: optionalText(200, "Период"),
  responsible: z
    .array(z.string().trim().min(1, "Пустое имя ответственного").max(200, "Имя ответственного не длиннее 200 символов"))
    .max(RESPONSIBLE_MAX, `Не больше ${RESPONSIBLE_MAX} ответственных`)
    .nullish(),
  indicatorName: optionalText(1000, "Показатель"),
  indicatorUnit: optionalText(50, "Единица измерения"),
};

export const reasonText = z.string().trim().min(1, "Укажите причину").max(REASON_MAX, `Причина не длиннее ${REASON_MAX} символов`);
export const commentBody = z.string().trim().min(1, "Комментарий пустой").max(COMMENT_MAX, `Комментарий не длиннее ${COMMENT_MAX} символов`);
export const evidenceNote = optionalText(1000, "Пояснение к подтверждению");

/** A link to evidence: http(s) only (no javascript: or file: links), bounded. */
export const evidenceUrl = z
  .string()
  .trim()
  .max(URL_MAX, `Ссылка не длиннее ${URL_MAX} символов`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "Ссылка должна начинаться с http:// или https://");

// ---- cross-field rules ----

/** The values of a measure as the rules see them (decimals as strings, dates at UTC midnight). */
export interface MeasureValues {
  title: string;
  startDate?: Date | null;
  dueDate?: Date | null;
  periodLabel?: string | null;
  indicatorName?: string | null;
  indicatorUnit?: string | null;
  baselineValue?: string | null;
  targetValue?: string | null;
  actualValue?: string | null;
}

export interface Problem {
  field: keyof MeasureValues;
  message: string;
}

const ru = (d: Date) => d.toISOString().slice(0, 10).split("-").reverse().join(".");

const PERCENT_UNITS = new Set(["%", "процент", "процентов", "проц."]);
const COUNT_UNITS = new Set(["чел.", "чел", "человек", "шт.", "шт", "ед.", "ед", "единиц", "мероприятий", "раз"]);
const VALUE_TITLES = { baselineValue: "Базовое значение", targetValue: "Целевое значение", actualValue: "Фактическое значение" } as const;

/**
 * What is wrong with a measure's values, in the words users read: the due date before the start, a
 * measure with neither a due date nor a period, values without an indicator, a percentage outside
 * 0–100, a fractional count of people or things.
 */
export function measureProblems(m: MeasureValues): Problem[] {
  const problems: Problem[] = [];
  if (m.startDate && m.dueDate && m.dueDate < m.startDate) problems.push({ field: "dueDate", message: `Срок выполнения (${ru(m.dueDate)}) раньше даты начала (${ru(m.startDate)})` });
  if (!m.dueDate && !m.periodLabel?.trim()) problems.push({ field: "dueDate", message: "Укажите срок выполнения: дату или период (например, «январь–февраль»)" });
  const unit = m.indicatorUnit?.trim().toLowerCase() ?? "";
  for (const key of ["baselineValue", "targetValue", "actualValue"] as const) {
    const raw = m[key];
    if (raw == null) continue;
    const v = Number(raw);
    if (!m.indicatorName?.trim()) problems.push({ field: key, message: `${VALUE_TITLES[key]} указано без показателя: назовите показатель` });
    if (PERCENT_UNITS.has(unit) && (v < 0 || v > 100)) problems.push({ field: key, message: `${VALUE_TITLES[key]} в процентах должно быть от 0 до 100, указано ${raw}` });
    if (COUNT_UNITS.has(unit) && (!Number.isInteger(v) || v < 0))
      problems.push({ field: key, message: `${VALUE_TITLES[key]} в единицах «${m.indicatorUnit}» должно быть целым неотрицательным числом, указано ${raw}` });
  }
  return problems;
}

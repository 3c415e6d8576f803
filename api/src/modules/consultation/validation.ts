// Shape rules of consultation inputs (zod) and the pure rules of the line: status labels, the search
// text's bounds, and the personal-data check a FAQ entry must pass.
import { z } from "zod";
import type { QuestionStatus } from "../../../../prisma/generated/client/enums.ts";

export const QUESTION_MAX = 5000;
export const ANSWER_MAX = 10000;
export const FAQ_QUESTION_MAX = 2000;
export { SEARCH_MAX } from "../../shared/search-text.ts";
/** At most this many search results per page. */
export const SEARCH_LIMIT_MAX = 50;

const text = (min: string, max: number, what: string) => z.string().trim().min(1, min).max(max, `${what} не длиннее ${max} символов`);

export const questionBody = text("Напишите вопрос", QUESTION_MAX, "Вопрос");
export const answerBody = text("Напишите ответ", ANSWER_MAX, "Ответ");
export const replyBody = text("Напишите уточнение", QUESTION_MAX, "Уточнение");
export const faqQuestion = text("Сформулируйте вопрос для раздела «Вопросы и ответы»", FAQ_QUESTION_MAX, "Вопрос");
export const faqAnswer = text("Сформулируйте ответ для раздела «Вопросы и ответы»", ANSWER_MAX, "Ответ");
export const topicTitle = text("Укажите название темы", 200, "Название темы");
export const searchText = z.string().max(2000, "Слишком длинный поисковый запрос");
export const searchLimit = z.number().int().min(1, "Не меньше одного результата").max(SEARCH_LIMIT_MAX, `Не больше ${SEARCH_LIMIT_MAX} результатов`);
export const programmeYear = z.number().int().min(2020, "Год проекта — с 2020").max(2100, "Год проекта — до 2100");
export const overdueDays = z.number().int().min(1, "Не меньше 1 дня").max(365, "Не больше 365 дней");

export const STATUS_LABEL: Record<QuestionStatus, string> = {
  NEW: "новый",
  IN_PROGRESS: "в работе",
  ANSWERED: "отвечен",
  FORWARDED: "передан",
};

export { cleanSearch } from "../../shared/search-text.ts";

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
const PHONE_RE = /(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/;

/**
 * What in a FAQ text still looks like personal data: an e-mail, a phone number, the asker's name or
 * its school's name. Returns a Russian description of the first finding, or null when the text is clean.
 */
export function personalDataIn(texts: string[], known: { fullName?: string | null; schoolNames?: (string | null | undefined)[] }): string | null {
  const all = texts.join("\n");
  if (EMAIL_RE.test(all)) return "адрес электронной почты";
  if (PHONE_RE.test(all)) return "номер телефона";
  const lower = all.toLocaleLowerCase("ru");
  // The surname (the first word of «Фамилия Имя Отчество») is what identifies a person in a text.
  // Its stem (a long surname without the last letter) finds it declined: «Петрова» → «Петровой».
  const surname = known.fullName?.trim().split(/\s+/)[0]?.toLocaleLowerCase("ru");
  const stem = surname && surname.length >= 6 ? surname.slice(0, -1) : surname;
  if (stem && stem.length >= 3 && new RegExp(`(^|[^\\p{L}])${escapeRe(stem)}`, "u").test(lower)) return "фамилия спрашивающего";
  for (const name of known.schoolNames ?? []) if (name && name.length >= 5 && lower.includes(name.toLocaleLowerCase("ru"))) return "название школы";
  return null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

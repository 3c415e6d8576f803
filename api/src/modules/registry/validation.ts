// Shapes of the registry's inputs: decree number and date, the hand edit of a school, picked schools.
import { z } from "zod";

export const decreeNumber = z.string().trim().min(1, "Номер приказа: не заполнено").max(50, "Номер приказа: не длиннее 50 символов");
export const name = (what: string, max = 500) => z.string().trim().min(1, `${what}: не заполнено`).max(max, `${what}: не длиннее ${max} символов`);
export const inn = z
  .string()
  .trim()
  .regex(/^\d{10}$/, "ИНН организации — 10 цифр");
export const ogrn = z
  .string()
  .trim()
  .regex(/^\d{13}$/, "ОГРН — 13 цифр");
export const address = z.string().trim().max(500, "Адрес: не длиннее 500 символов");
/** At most this many schools are picked from the registry in one go (a region's list fits). */
export const MAX_PICKED = 500;
export const picked = z.array(z.unknown()).min(1, "Выберите хотя бы одну школу").max(MAX_PICKED, `Не больше ${MAX_PICKED} школ за раз`);
export const rowPage = z.number().int().min(1, "Не меньше 1 строки").max(500, "Не больше 500 строк за раз");
export const rowOffset = z.number().int().min(0).max(1_000_000);

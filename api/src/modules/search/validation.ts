import { z } from "zod";

/** The search box's text: at least two letters (one matches half the country), bounded. */
export const searchText = z.string().trim().min(2, "Введите хотя бы два символа").max(100, "Слишком длинный запрос: не больше 100 символов");

/** How many of each kind one search returns (the box shows a few; the page a few more). */
export const searchLimit = z.number().int().min(1, "Не меньше одного результата").max(25, "Не больше 25 результатов каждого вида");

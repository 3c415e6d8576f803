// Shape rules of the materials bank (zod) and its labels.
import { z } from "zod";
import type { MaterialKind } from "../../../../prisma/generated/client/enums.ts";

export const MATERIAL_TITLE_MAX = 300;
export const MATERIAL_DESCRIPTION_MAX = 5000;
export const MATERIAL_SEARCH_LIMIT = 50;

export const materialTitle = z.string().trim().min(1, "Укажите название материала").max(MATERIAL_TITLE_MAX, `Название не длиннее ${MATERIAL_TITLE_MAX} символов`);
export const materialDescription = z.string().trim().max(MATERIAL_DESCRIPTION_MAX, `Описание не длиннее ${MATERIAL_DESCRIPTION_MAX} символов`);
export const versionNote = z.string().trim().max(1000, "Что изменилось — не длиннее 1000 символов");
export const materialUrl = z
  .string()
  .trim()
  .max(2000, "Ссылка не длиннее 2000 символов")
  .regex(/^(https?:\/\/\S+)?$/i, "Ссылка должна начинаться с http:// или https://");
export const riskFactorNumbers = z.array(z.number().int().min(1, "Номер фактора риска — от 1").max(30, "Номер фактора риска — до 30")).max(30, "Не больше 30 факторов риска");
export const materialSearchText = z.string().max(2000, "Слишком длинный поисковый запрос");

export const MATERIAL_KIND_LABEL: Record<MaterialKind, string> = {
  METHODICAL: "методика",
  NORMATIVE: "нормативный акт",
  TEMPLATE: "шаблон",
  WEBINAR_RECORDING: "запись вебинара",
  PRESENTATION: "презентация",
  OTHER: "другое",
};

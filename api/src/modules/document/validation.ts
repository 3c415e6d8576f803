// Shape rules of document inputs (zod) and the words of documents (kind titles, status labels).
// The rules about uploaded files themselves live in modules/file.
import { z } from "zod";
import type { DocumentKind, DocumentStatus } from "../../../../prisma/generated/client/enums.ts";

export const COMMENT_MAX = 5000;

/** A return comment: required, 1–5,000 characters after trimming. */
export const returnComment = z.string().trim().min(1, "Укажите, что нужно доработать: комментарий обязателен").max(COMMENT_MAX, `Комментарий не длиннее ${COMMENT_MAX} символов`);

/** An approval comment: optional, at most 5,000 characters. */
export const approveComment = z.string().trim().max(COMMENT_MAX, `Комментарий не длиннее ${COMMENT_MAX} символов`);

/** A note to an uploaded version («что изменено»). */
export const versionNote = z.string().trim().max(2000, "Примечание не длиннее 2000 символов");

/** Names of documents as users know them. */
export const KIND_TITLE: Record<DocumentKind, string> = {
  CONCEPT: "Концепция развития",
  MEDIUM_TERM_PROGRAMME: "Среднесрочная программа развития",
  ANTI_RISK_PROGRAMME: "Программа антирисковых мер",
  ROADMAP_ATTACHMENT: "Приложение к дорожной карте",
};

export const STATUS_LABEL: Record<DocumentStatus, string> = {
  DRAFT: "черновик",
  SUBMITTED: "на проверке",
  APPROVED: "принят",
  RETURNED: "на доработке",
};
export const NOT_UPLOADED_LABEL = "не загружен";

/** «Программа антирисковых мер «Дефицит педагогических кадров»». */
export const documentTitle = (kind: DocumentKind, riskFactorTitle?: string | null) => (riskFactorTitle ? `${KIND_TITLE[kind]} «${riskFactorTitle}»` : KIND_TITLE[kind]);

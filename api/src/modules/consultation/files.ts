// Downloads of question attachments: `/files/questions/<questionId>` streams the file to whoever may
// see the question (the same rule as the Question type). Unknown and not-visible ids answer the same 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DB } from "../../db.ts";
import { canSeeQuestion } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { sendStoredFile, textAnswer } from "../../shared/send-file.ts";

const QUESTION_RE = /^\/files\/questions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a question's attachment. */
export const questionFilePath = (questionId: string) => `/files/questions/${questionId}`;

/** Whether a path is ours (the app routes it here). */
export const isQuestionFilePath = (path: string) => path.startsWith("/files/questions/");



/** Serves a question's attachment; the caller resolves the viewer from the token or cookie. */
export async function handleQuestionFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return textAnswer(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const id = QUESTION_RE.exec((req.url ?? "/").split("?")[0]!)?.[1];
  if (!id) return textAnswer(res, 404, "Файл не найден");
  if (!ctx.viewer) return textAnswer(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });
  const q = await ctx.db.question.findUnique({
    where: { id },
    select: { authorId: true, regionId: true, municipalityId: true, schoolId: true, level: true, attachment: { select: { sha256: true, mediaType: true, originalName: true } } },
  });
  if (!q?.attachment || !canSeeQuestion(ctx.viewer.read, ctx.viewer.id, q)) return textAnswer(res, 404, "Файл не найден");
  return sendStoredFile(req, res, q.attachment);
}

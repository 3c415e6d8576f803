// Downloads of question attachments: `/files/questions/<questionId>` streams the file to whoever may
// see the question (the same rule as the Question type). Unknown and not-visible ids answer the same 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import { canSeeQuestion } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { fileStorage } from "../document/storage.ts";
import { contentDisposition } from "../document/validation.ts";

const QUESTION_RE = /^\/files\/questions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a question's attachment. */
export const questionFilePath = (questionId: string) => `/files/questions/${questionId}`;

/** Whether a path is ours (the app routes it here). */
export const isQuestionFilePath = (path: string) => path.startsWith("/files/questions/");

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

/** Serves a question's attachment; the caller resolves the viewer from the token or cookie. */
export async function handleQuestionFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const id = QUESTION_RE.exec((req.url ?? "/").split("?")[0]!)?.[1];
  if (!id) return text(res, 404, "Файл не найден");
  if (!ctx.viewer) return text(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });
  const q = await ctx.db.question.findUnique({
    where: { id },
    select: { authorId: true, regionId: true, municipalityId: true, schoolId: true, level: true, attachment: { select: { sha256: true, mediaType: true, originalName: true } } },
  });
  if (!q?.attachment || !canSeeQuestion(ctx.viewer.read, ctx.viewer.id, q)) return text(res, 404, "Файл не найден");
  const stored = await fileStorage().open(q.attachment.sha256);
  if (!stored) return text(res, 404, "Файл не найден в хранилище");
  res.writeHead(200, {
    "content-type": q.attachment.mediaType,
    "content-disposition": contentDisposition(q.attachment.originalName, q.attachment.mediaType === "application/pdf"),
    "content-length": String(stored.size),
    "cache-control": "private, no-cache",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    stored.stream.destroy();
    return void res.end();
  }
  await pipeline(stored.stream, res).catch(() => res.destroy());
}

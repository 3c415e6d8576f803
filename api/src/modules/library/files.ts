// Downloads of material versions: `/files/materials/<versionId>` streams the file to any signed-in user
// (the bank is open to every participant). Unknown ids answer 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { sendStoredFile, textAnswer } from "../../shared/send-file.ts";

const RE = /^\/files\/materials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a material version's file. */
export const materialFilePath = (versionId: string) => `/files/materials/${versionId}`;
export const isMaterialFilePath = (path: string) => path.startsWith("/files/materials/");



/** Serves a material version's file; the caller resolves the viewer from the token or cookie. */
export async function handleMaterialFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return textAnswer(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const id = RE.exec((req.url ?? "/").split("?")[0]!)?.[1];
  if (!id) return textAnswer(res, 404, "Файл не найден");
  if (!ctx.viewer) return textAnswer(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });
  const v = await ctx.db.materialVersion.findUnique({ where: { id }, select: { file: { select: { sha256: true, mediaType: true, originalName: true } } } });
  if (!v?.file) return textAnswer(res, 404, "Файл не найден");
  return sendStoredFile(req, res, v.file);
}

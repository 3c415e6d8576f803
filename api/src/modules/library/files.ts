// Downloads of material versions: `/files/materials/<versionId>` streams the file to any signed-in user
// (the bank is open to every participant). Unknown ids answer 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { fileStorage } from "../document/storage.ts";
import { contentDisposition } from "../document/validation.ts";

const RE = /^\/files\/materials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a material version's file. */
export const materialFilePath = (versionId: string) => `/files/materials/${versionId}`;
export const isMaterialFilePath = (path: string) => path.startsWith("/files/materials/");

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

/** Serves a material version's file; the caller resolves the viewer from the token or cookie. */
export async function handleMaterialFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const id = RE.exec((req.url ?? "/").split("?")[0]!)?.[1];
  if (!id) return text(res, 404, "Файл не найден");
  if (!ctx.viewer) return text(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });
  const v = await ctx.db.materialVersion.findUnique({ where: { id }, select: { file: { select: { sha256: true, mediaType: true, originalName: true } } } });
  if (!v?.file) return text(res, 404, "Файл не найден");
  const stored = await fileStorage().open(v.file.sha256);
  if (!stored) return text(res, 404, "Файл не найден в хранилище");
  res.writeHead(200, {
    "content-type": v.file.mediaType,
    "content-disposition": contentDisposition(v.file.originalName, v.file.mediaType === "application/pdf"),
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

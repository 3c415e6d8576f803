// Downloads under /files/…: `/files/versions/<versionId>` streams a document version's file to whoever
// may see the document (the same rule as the Document type), under its original (Cyrillic) name.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import { canSeeParticipation } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { fileStorage } from "./storage.ts";
import { contentDisposition } from "./validation.ts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The download path of a document version, as the API hands it out. The file's own name is the last
 * segment: the browser's PDF viewer titles its tab and toolbar with it, not with the storage id.
 */
export const versionFilePath = (versionId: string, fileName?: string) =>
  `/files/versions/${versionId}${fileName ? `/${encodeURIComponent(fileName)}` : ""}`;

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);
};

/**
 * Serves a file request. The caller resolves the viewer from the request's Bearer token or session
 * cookie. Unknown and not-visible files answer the same 404, so ids reveal nothing.
 */
export async function handleFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const path = (req.url ?? "/").split("?")[0]!;
  // `/files/versions/<id>` or `/files/versions/<id>/<file name>`: the name is for people, the id decides.
  const m = /^\/files\/versions\/([^/]+)(?:\/[^/]*)?$/.exec(path);
  // A malformed escape (%E0%A4%A) is an unknown file like any other, not a server error.
  let versionId: string | null = null;
  try {
    versionId = m ? decodeURIComponent(m[1]!) : null;
  } catch {
    versionId = null;
  }
  if (!versionId || !UUID_RE.test(versionId)) return text(res, 404, "Файл не найден");
  if (!ctx.viewer) return text(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });

  const version = await ctx.db.documentVersion.findUnique({
    where: { id: versionId },
    select: {
      file: { select: { sha256: true, size: true, mediaType: true, originalName: true } },
      document: { select: { participation: { select: { id: true, schoolId: true } } } },
    },
  });
  if (!version || !canSeeParticipation(ctx.viewer.read, version.document.participation)) return text(res, 404, "Файл не найден");

  const { sha256, mediaType, originalName } = version.file;
  const etag = `"${sha256}"`;
  const headers: Record<string, string> = {
    "content-type": mediaType,
    "content-disposition": contentDisposition(originalName, mediaType === "application/pdf"),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-cache",
    etag,
  };
  if (req.headers["if-none-match"] === etag) return void res.writeHead(304, headers).end();
  const stored = await fileStorage().open(sha256);
  if (!stored) {
    console.error(`file ${sha256} of version ${versionId} is missing from storage`);
    return text(res, 404, "Файл не найден в хранилище");
  }
  res.writeHead(200, { ...headers, "content-length": String(stored.size) });
  if (req.method === "HEAD") {
    stored.stream.destroy();
    return void res.end();
  }
  await pipeline(stored.stream, res).catch(() => res.destroy());
}

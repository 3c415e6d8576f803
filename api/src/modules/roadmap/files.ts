// Downloads of roadmap files: `/files/roadmaps/<roadmapId>.xlsx` (the export) and
// `/files/evidence/<evidenceId>` (an evidence file), to whoever may see the roadmap — the same rule as
// the Roadmap type. Unknown and not-visible ids answer the same 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import { canSeeRoadmap, loadRoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { fileStorage } from "../document/storage.ts";
import { contentDisposition } from "../document/validation.ts";
import { exportRoadmap } from "./transfer.ts";

const UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
const EXPORT_RE = new RegExp(`^/files/roadmaps/${UUID}\\.xlsx$`, "i");
const EVIDENCE_RE = new RegExp(`^/files/evidence/${UUID}$`, "i");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Whether a path is one of ours (the app routes it here). */
export const isRoadmapFilePath = (path: string) => path.startsWith("/files/roadmaps/") || path.startsWith("/files/evidence/");

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

async function visible(db: DB, viewer: Viewer, roadmapId: string) {
  const place = await loadRoadmapPlace(db, roadmapId);
  return !!place && canSeeRoadmap(viewer.read, place);
}

/** Serves an export or an evidence file; the caller resolves the viewer from the token or cookie. */
export async function handleRoadmapFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const path = (req.url ?? "/").split("?")[0]!;
  const exportId = EXPORT_RE.exec(path)?.[1];
  const evidenceId = EVIDENCE_RE.exec(path)?.[1];
  if (!exportId && !evidenceId) return text(res, 404, "Файл не найден");
  if (!ctx.viewer) return text(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });

  if (exportId) {
    if (!(await visible(ctx.db, ctx.viewer, exportId))) return text(res, 404, "Дорожная карта не найдена");
    const { fileName, content } = await exportRoadmap(ctx.db, exportId);
    res.writeHead(200, {
      "content-type": XLSX,
      "content-disposition": contentDisposition(fileName, false),
      "content-length": String(content.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    return void res.end(req.method === "HEAD" ? undefined : content);
  }

  const e = await ctx.db.measureEvidence.findUnique({
    where: { id: evidenceId! },
    select: { measure: { select: { roadmapId: true } }, file: { select: { sha256: true, mediaType: true, originalName: true } } },
  });
  if (!e?.file || !(await visible(ctx.db, ctx.viewer, e.measure.roadmapId))) return text(res, 404, "Файл не найден");
  const stored = await fileStorage().open(e.file.sha256);
  if (!stored) return text(res, 404, "Файл не найден в хранилище");
  res.writeHead(200, {
    "content-type": e.file.mediaType,
    "content-disposition": contentDisposition(e.file.originalName, e.file.mediaType === "application/pdf"),
    "content-length": String(stored.size),
    "cache-control": "private, no-cache",
    "x-content-type-options": "nosniff",
    etag: `"${e.file.sha256}"`,
  });
  if (req.method === "HEAD") {
    stored.stream.destroy();
    return void res.end();
  }
  await pipeline(stored.stream, res).catch(() => res.destroy());
}

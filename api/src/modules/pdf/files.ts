// PDF downloads under /files/pdf/…, to whoever may see the page the PDF prints — the same rules as the
// Roadmap and Participation types:
//   /files/pdf/roadmaps/<roadmapId>.pdf            the roadmap now
//   /files/pdf/profiles/<participationId>.pdf      the school's risk profile now
//   /files/pdf/summaries/<participationId>.pdf     the one-page school summary now
//   /files/pdf/copies/<snapshotId>[/<file name>]   a dated copy stored on approval, byte for byte
// Unknown and not-visible ids answer the same 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import { canSeeParticipation, canSeeRoadmap, loadRoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { fileStorage } from "../document/storage.ts";
import { contentDisposition } from "../document/validation.ts";
import { profilePdf } from "./profile-pdf.ts";
import { roadmapPdf, type RenderedPdf } from "./roadmap-pdf.ts";
import { summaryPdf } from "./summary-pdf.ts";

const UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
const LIVE_RE = new RegExp(`^/files/pdf/(roadmaps|profiles|summaries)/${UUID}\\.pdf$`, "i");
const COPY_RE = new RegExp(`^/files/pdf/copies/${UUID}(?:/[^/]*)?$`, "i");

export const roadmapPdfPath = (roadmapId: string) => `/files/pdf/roadmaps/${roadmapId}.pdf`;
export const profilePdfPath = (participationId: string) => `/files/pdf/profiles/${participationId}.pdf`;
export const summaryPdfPath = (participationId: string) => `/files/pdf/summaries/${participationId}.pdf`;
/** The file name is the last segment, so a browser's PDF viewer titles the tab with it. */
export const pdfCopyPath = (snapshotId: string, fileName: string) => `/files/pdf/copies/${snapshotId}/${encodeURIComponent(fileName)}`;

export const isPdfFilePath = (path: string) => path.startsWith("/files/pdf/");

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

const NOT_FOUND = "Файл не найден";

async function participationVisible(db: DB, viewer: Viewer, participationId: string) {
  const p = await db.participation.findUnique({ where: { id: participationId }, select: { id: true, schoolId: true } });
  return !!p && canSeeParticipation(viewer.read, p);
}

async function roadmapVisible(db: DB, viewer: Viewer, roadmapId: string) {
  const place = await loadRoadmapPlace(db, roadmapId);
  return !!place && canSeeRoadmap(viewer.read, place);
}

/** Serves a PDF; the caller resolves the viewer from the token or cookie. */
export async function handlePdfRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "Метод не поддерживается", { allow: "GET, HEAD" });
  const path = (req.url ?? "/").split("?")[0]!;
  const live = LIVE_RE.exec(path);
  const copyId = COPY_RE.exec(path)?.[1];
  if (!live && !copyId) return text(res, 404, NOT_FOUND);
  if (!ctx.viewer) return text(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });

  if (live) {
    const [, what, id] = live as unknown as [string, "roadmaps" | "profiles" | "summaries", string];
    const visible = what === "roadmaps" ? await roadmapVisible(ctx.db, ctx.viewer, id) : await participationVisible(ctx.db, ctx.viewer, id);
    if (!visible) return text(res, 404, NOT_FOUND);
    const now = new Date();
    const pdf: RenderedPdf | null =
      what === "roadmaps" ? await roadmapPdf(ctx.db, id, now) : what === "profiles" ? await profilePdf(ctx.db, id, now) : await summaryPdf(ctx.db, id, now);
    if (!pdf) return text(res, 404, what === "profiles" ? "Рисковый профиль школы ещё не загружен" : NOT_FOUND);
    res.writeHead(200, {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(pdf.fileName, false),
      "content-length": String(pdf.content.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    return void res.end(req.method === "HEAD" ? undefined : pdf.content);
  }

  const copy = await ctx.db.pdfSnapshot.findUnique({
    where: { id: copyId! },
    select: { participationId: true, roadmapId: true, file: { select: { sha256: true, originalName: true } } },
  });
  const visible =
    !!copy &&
    (copy.participationId ? await participationVisible(ctx.db, ctx.viewer, copy.participationId) : await roadmapVisible(ctx.db, ctx.viewer, copy.roadmapId!));
  if (!copy || !visible) return text(res, 404, NOT_FOUND);
  const stored = await fileStorage().open(copy.file.sha256);
  if (!stored) {
    console.error(`pdf copy ${copyId} (${copy.file.sha256}) is missing from storage`);
    return text(res, 404, "Файл не найден в хранилище");
  }
  const etag = `"${copy.file.sha256}"`;
  const headers = {
    "content-type": "application/pdf",
    "content-disposition": contentDisposition(copy.file.originalName, false),
    "cache-control": "private, no-cache",
    "x-content-type-options": "nosniff",
    etag,
  };
  if (req.headers["if-none-match"] === etag) {
    stored.stream.destroy();
    return void res.writeHead(304, headers).end();
  }
  res.writeHead(200, { ...headers, "content-length": String(stored.size) });
  if (req.method === "HEAD") {
    stored.stream.destroy();
    return void res.end();
  }
  await pipeline(stored.stream, res).catch(() => res.destroy());
}

// The one download handler under /files/…: every kind of file (document versions, evidence, roadmap
// and report exports, question attachments, materials) is a FileRoute that says which paths are its
// own and what a signed-in viewer gets for an id; this handler does the rest the same way for all —
// methods, sign-in, the same 404 for unknown and not-visible ids, headers, ETag/If-None-Match, HEAD and
// a client that goes away mid-download.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { contentDisposition } from "./names.ts";
import { fileStorage } from "./storage.ts";

/** A kept file as its `StoredFile` row describes it. */
export interface StoredFileRef {
  sha256: string;
  mediaType: string;
  originalName: string;
}

/** What a route answers with: bytes from storage, or a file made for this request (an export). */
export type Download = { stored: StoredFileRef } | { generated: { fileName: string; contentType: string; body: Uint8Array } };

/** A request the route refuses with its own status and Russian message (a malformed export query: 400). */
export class DownloadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface FileRoute {
  /** The path prefix this route owns, e.g. `/files/versions/`. */
  prefix: string;
  /** The id in a path of this route, or null when the path is malformed (404). */
  match(path: string): string | null;
  /** Allowed methods; GET and HEAD by default. */
  methods?: readonly string[];
  /** The 404 message for a malformed, unknown or not-visible id. */
  notFound?: string;
  /** The download for a signed-in viewer, or null when there is none or the viewer may not see it. */
  resolve(ctx: { db: DB; viewer: Viewer }, id: string, url: URL): Promise<Download | null>;
}

const FILE_NOT_FOUND = "Файл не найден";

/** A plain-text answer that is never cached (errors of the download routes). */
export const textAnswer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

/** Whether an If-None-Match header (a list, weak or strong, or `*`) names `etag`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** Serves a request under /files/; the caller resolves the viewer from the Bearer token or session cookie. */
export async function handleFileRequest(req: IncomingMessage, res: ServerResponse, ctx: { db: DB; viewer: Viewer | null }, routes: readonly FileRoute[]): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = routes.find((r) => url.pathname.startsWith(r.prefix));
  const methods = route?.methods ?? ["GET", "HEAD"];
  if (!methods.includes(req.method ?? "")) return textAnswer(res, 405, "Метод не поддерживается", { allow: methods.join(", ") });
  const id = route?.match(url.pathname) ?? null;
  if (!route || !id) return textAnswer(res, 404, route?.notFound ?? FILE_NOT_FOUND);
  if (!ctx.viewer) return textAnswer(res, 401, "Требуется вход в систему", { "www-authenticate": "Bearer" });
  let download: Download | null;
  try {
    download = await route.resolve({ db: ctx.db, viewer: ctx.viewer }, id, url);
  } catch (e) {
    if (e instanceof DownloadRefused) return textAnswer(res, e.status, e.message);
    throw e;
  }
  if (!download) return textAnswer(res, 404, route.notFound ?? FILE_NOT_FOUND);
  if ("stored" in download) return sendStoredFile(req, res, download.stored);
  const { fileName, contentType, body } = download.generated;
  res.writeHead(200, {
    "content-type": contentType,
    "content-disposition": contentDisposition(fileName, false),
    "content-length": String(body.length),
    // Made from live data for this viewer: never reused.
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Sends the stored bytes of `file` (404 when the storage lost them); PDFs open inline. The content
 * address is the ETag: a browser that has the file gets 304 without the bytes.
 */
export async function sendStoredFile(req: IncomingMessage, res: ServerResponse, file: StoredFileRef): Promise<void> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    "content-type": file.mediaType,
    "content-disposition": contentDisposition(file.originalName, file.mediaType === "application/pdf"),
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-cache",
    etag,
  };
  if (etagMatches(req.headers["if-none-match"], etag)) return void res.writeHead(304, headers).end();
  const stored = await fileStorage().open(file.sha256);
  if (!stored) {
    console.error(`file ${file.sha256} («${file.originalName}») is missing from storage`);
    return textAnswer(res, 404, "Файл не найден в хранилище");
  }
  res.writeHead(200, { ...headers, "content-length": String(stored.size) });
  if (req.method === "HEAD") {
    stored.stream.destroy();
    return void res.end();
  }
  await pipeline(stored.stream, res).catch(() => res.destroy());
}

// Streaming a stored file as a download: one place for the headers (name, type, length, no sniffing),
// HEAD requests and a client that goes away mid-download.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { fileStorage } from "../modules/document/storage.ts";
import { contentDisposition } from "../modules/document/validation.ts";

/** A plain-text answer that is never cached (errors of the download routes). */
export const textAnswer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);

/** Sends the stored bytes of `file` (404 when the storage lost them); PDFs open inline. */
export async function sendStoredFile(req: IncomingMessage, res: ServerResponse, file: { sha256: string; mediaType: string; originalName: string }): Promise<void> {
  const stored = await fileStorage().open(file.sha256);
  if (!stored) return textAnswer(res, 404, "Файл не найден в хранилище");
  res.writeHead(200, {
    "content-type": file.mediaType,
    "content-disposition": contentDisposition(file.originalName, file.mediaType === "application/pdf"),
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

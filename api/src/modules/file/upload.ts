// The one upload routine of every file the API keeps (document versions, evidence, question
// attachments, materials): judge the bytes, store them, write the rows; when the rows fail, undo the
// bytes — unless another upload of the same content is in flight or a row already refers to them.
import { config } from "../../config.ts";
import type { DB } from "../../db.ts";
import { fileTooLarge, judgeFile, type JudgedFile } from "./content.ts";
import { fileStorage, FileTooLargeError, type FileStorage } from "./storage.ts";

/** Judged and stored: what the caller writes into its `StoredFile` row. */
export interface StoredUpload {
  sha256: string;
  size: number;
  /** False when identical content was already stored. */
  created: boolean;
  /** The safe name to keep (extension matching the content). */
  name: string;
  mediaType: string;
}

/** Content being stored right now (sha256 → uploads), so a failed upload never removes bytes another is about to reference. */
const inFlight = new Map<string, number>();

export interface UploadDeps {
  storage?: FileStorage;
  /** Whether a row refers to the content; the storedFile table by default. */
  referenced?: (sha256: string) => Promise<boolean>;
}

/**
 * Stores `file` and runs `write` with it (null when there is no file, for inputs where the file is
 * optional). Refuses empty, too large and not accepted files with Russian domain errors before
 * anything is stored. When `write` throws, the bytes this upload created are removed if no row refers
 * to them and no concurrent upload of the same content is still running.
 */
export async function storeUpload<T>(db: DB, file: File, write: (stored: StoredUpload) => Promise<T>, deps?: UploadDeps): Promise<T>;
export async function storeUpload<T>(db: DB, file: File | null | undefined, write: (stored: StoredUpload | null) => Promise<T>, deps?: UploadDeps): Promise<T>;
export async function storeUpload<T>(db: DB, file: File | null | undefined, writeAny: (stored: never) => Promise<T>, deps: UploadDeps = {}): Promise<T> {
  const write = writeAny as (stored: StoredUpload | null) => Promise<T>;
  if (!file) return write(null);
  // The multipart parser has already held the file in memory (within the request limit): read it once.
  if (file.size > config.uploadMaxBytes) throw fileTooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const judged = await judgeFile(file.name, bytes);
  return storeBytes(bytes, judged, write, {
    storage: deps.storage ?? fileStorage(),
    referenced: deps.referenced ?? (async (sha256) => (await db.storedFile.count({ where: { sha256 } }).catch(() => 1)) > 0),
  });
}

/** The storing half of `storeUpload`, for bytes already judged. */
export async function storeBytes<T>(bytes: Uint8Array, judged: JudgedFile, write: (stored: StoredUpload) => Promise<T>, deps: Required<UploadDeps>): Promise<T> {
  let put;
  try {
    put = await deps.storage.put(bytes, { maxBytes: config.uploadMaxBytes });
  } catch (e) {
    if (e instanceof FileTooLargeError) throw fileTooLarge();
    throw e;
  }
  const stored: StoredUpload = { ...put, name: judged.name, mediaType: judged.format.mediaType };
  inFlight.set(put.sha256, (inFlight.get(put.sha256) ?? 0) + 1);
  try {
    return await write(stored);
  } catch (e) {
    // Only the upload that created the bytes may remove them, only while it is the last one holding
    // them, and only when no committed row refers to them.
    if (put.created && inFlight.get(put.sha256) === 1 && !(await deps.referenced(put.sha256))) await deps.storage.remove(put.sha256).catch(() => {});
    throw e;
  } finally {
    const n = (inFlight.get(put.sha256) ?? 1) - 1;
    if (n > 0) inFlight.set(put.sha256, n);
    else inFlight.delete(put.sha256);
  }
}

// Where uploaded files live. One small interface so an S3-compatible store can replace the local disk
// later; callers never see paths. Files are content-addressed: the name is the sha256 of the content.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { storageDir } from "../../config.ts";

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when identical content was already stored (nothing new was written). */
  created: boolean;
}

export type BlobSource = Uint8Array | Blob | Readable | WebReadableStream<Uint8Array>;

export interface FileStorage {
  /**
   * Streams `source` into the store and returns its sha256 and size. Nothing appears under a final
   * name until the whole content is written; a failure (or more than `maxBytes`) leaves nothing.
   */
  put(source: BlobSource, opts?: { maxBytes?: number }): Promise<StoredBlob>;
  /** The content of a stored file, or null when there is none. */
  open(sha256: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes a stored file (only for undoing a put whose database rows were never written). */
  remove(sha256: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
  }
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** Local disk: `<dir>/<sha[0..2]>/<sha>`, written to a temp file in `<dir>` and renamed atomically. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly dir: string = storageDir()) {}

  private pathOf(sha256: string) {
    if (!SHA256_RE.test(sha256)) throw new Error("invalid sha256");
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: BlobSource, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    await mkdir(this.dir, { recursive: true });
    // Same directory tree (and so the same file system) as the final name: rename is atomic.
    const tmp = join(this.dir, `.upload-${randomUUID()}.tmp`);
    const hash = createHash("sha256");
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (opts.maxBytes != null && size > opts.maxBytes) return done(new FileTooLargeError(opts.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const input =
      source instanceof Readable
        ? source
        : source instanceof Uint8Array
          ? Readable.from([source])
          : Readable.fromWeb((source instanceof Blob ? source.stream() : source) as WebReadableStream<Uint8Array>);
    try {
      await pipeline(input, count, createWriteStream(tmp, { flags: "wx", mode: 0o640 }));
      const fh = await open(tmp, "r+");
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = hash.digest("hex");
      const final = this.pathOf(sha256);
      const existing = await stat(final).catch(() => null);
      if (existing?.size === size) {
        await unlink(tmp);
        return { sha256, size, created: false };
      }
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      await rename(tmp, final);
      return { sha256, size, created: true };
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }

  async open(sha256: string) {
    if (!SHA256_RE.test(sha256)) return null;
    const path = this.pathOf(sha256);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) return null;
    return { stream: createReadStream(path), size: s.size };
  }

  async remove(sha256: string) {
    await unlink(this.pathOf(sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }
}

/** The store the API uses; `MEDK_STORAGE_DIR` (read on each call) moves it. */
export const fileStorage = (): FileStorage => new LocalDiskStorage(storageDir());

// The shared upload routine against a real disk store: a failed upload undoes only bytes nobody else
// is about to reference.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_FORMATS } from "./content.ts";
import { LocalDiskStorage } from "./storage.ts";
import { storeBytes, type StoredUpload } from "./upload.ts";

let dir: string;
let storage: LocalDiskStorage;
/** The content committed rows refer to (what the storedFile table would say). */
const committed = new Set<string>();
const deps = () => ({ storage, referenced: async (sha256: string) => committed.has(sha256) });
const judged = { name: "Протокол.pdf", format: ACCEPTED_FORMATS.pdf! };
const pdfBytes = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF`);

/** A promise with its resolve/reject handed out, to hold a write at a chosen point. */
function gate<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "medk-upload-"));
  storage = new LocalDiskStorage(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("storeBytes", () => {
  it("a failed upload of new content leaves no bytes", async () => {
    const bytes = pdfBytes(`alone ${Date.now()}`);
    let sha = "";
    await expect(
      storeBytes(
        bytes,
        judged,
        async (stored) => {
          sha = stored.sha256;
          throw new Error("rows failed");
        },
        deps(),
      ),
    ).rejects.toThrow("rows failed");
    expect(await storage.open(sha)).toBeNull();
  });

  it("a failed upload does not delete bytes a concurrent upload of the same content is about to reference", async () => {
    const bytes = pdfBytes(`twice ${Date.now()}`);
    // A stores the bytes first (it created them) and is held inside its transaction.
    const aInside = gate<StoredUpload>();
    const aOutcome = gate();
    const a = storeBytes(bytes, judged, (stored) => (aInside.resolve(stored), aOutcome.promise), deps());
    const aStored = await aInside.promise;
    expect(aStored.created).toBe(true);
    // B stores the same bytes (already there) and is held before its rows commit.
    const bInside = gate();
    const bCommit = gate();
    const b = storeBytes(
      bytes,
      judged,
      async (stored) => {
        bInside.resolve();
        await bCommit.promise;
        committed.add(stored.sha256);
        return stored;
      },
      deps(),
    );
    await bInside.promise;
    // A's rows fail while nothing refers to the bytes yet: without the in-flight guard A removes them.
    aOutcome.reject(new Error("rows failed"));
    await expect(a).rejects.toThrow("rows failed");
    bCommit.resolve();
    const bStored = await b;
    expect(bStored).toMatchObject({ sha256: aStored.sha256, created: false, name: "Протокол.pdf", mediaType: "application/pdf" });
    const file = await storage.open(bStored.sha256);
    expect(file?.size).toBe(bytes.length);
    file?.stream.destroy();
  });
});

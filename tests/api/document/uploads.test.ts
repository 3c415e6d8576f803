// Uploads judged by content, with a 1 MB limit for this file: every accepted format goes in; too big,
// wrong type, lying extension, empty and path-trick names are refused with clear errors and leave
// neither a file nor a row behind.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { cfb, doc, docx, ods, odt, pdf, rowCounts, rtf, storedFiles, upload, uploaded, xls, xlsx, zip } from "./kit.ts";

// Read once by the server's config when it is imported: a small limit keeps the big uploads small.
vi.hoisted(() => {
  process.env.UPLOAD_MAX_MB = "1";
});
const LIMIT = 1024 * 1024;

let s: TestServer;
let w: World;
let token: string;
let dir: string;
let attachment: string;

const input = () => ({ participationId: gid("Participation", w.participationId), kind: "ROADMAP_ATTACHMENT" });
const refused = (r: Awaited<ReturnType<typeof upload>>) => r.data?.uploadDocument ?? r.errors?.[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "medk-doc-uploads-"));
  process.env.MEDK_STORAGE_DIR = dir;
  s = await startServer();
  w = await seedWorld(s.db);
  token = await s.signIn(w.users.school.email, TEST_PASSWORD);
});
afterAll(() => s?.stop());

describe("accepted formats", () => {
  const samples: [string, string, () => Buffer][] = [
    ["План.pdf", "application/pdf", () => pdf()],
    ["План.doc", "application/msword", doc],
    ["План.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx],
    ["План.odt", "application/vnd.oasis.opendocument.text", odt],
    ["Таблица.xls", "application/vnd.ms-excel", xls],
    ["Таблица.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx],
    ["Таблица.ods", "application/vnd.oasis.opendocument.spreadsheet", ods],
    ["План.rtf", "application/rtf", rtf],
  ];

  it.each(samples)("%s is accepted as %s by its content", async (name, mediaType, make) => {
    const r = await upload(s, token, attachment ? { documentId: attachment } : input(), { name, bytes: make(), type: "application/octet-stream" });
    const d = uploaded(r);
    attachment = d.id;
    expect(d.versions[0]).toMatchObject({ fileName: name, mediaType, size: make().length });
  });

  it("a name without an extension gets the one its content proves", async () => {
    const d = uploaded(await upload(s, token, { documentId: attachment }, { name: "Концепция", bytes: docx() }));
    expect(d.versions[0].fileName).toBe("Концепция.docx");
  });

  it("stores files outside any web root under their sha256, never under the uploaded name", async () => {
    const files = storedFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      expect(basename(f)).toMatch(/^[0-9a-f]{64}$/);
      expect(basename(join(f, ".."))).toBe(basename(f).slice(0, 2));
    }
  });
});

describe("refused uploads leave nothing behind", () => {
  let before: { rows: Awaited<ReturnType<typeof rowCounts>>; files: string[] };
  beforeEach(async () => {
    before = { rows: await rowCounts(s, w.participationId, w.users.school.id), files: storedFiles(dir) };
  });
  const nothingLeft = async () => {
    expect(await rowCounts(s, w.participationId, w.users.school.id)).toEqual(before.rows);
    expect(storedFiles(dir)).toEqual(before.files);
  };

  it("an empty file is refused", async () => {
    const r = await upload(s, token, { documentId: attachment }, { name: "пусто.pdf", bytes: Buffer.alloc(0) });
    expect(refused(r)).toMatchObject({ code: "FILE_EMPTY", message: expect.stringContaining("пустой") });
    await nothingLeft();
  });

  it("a file over the limit that fits in the request is refused by the service", async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(LIMIT, 0x20)]);
    const r = await upload(s, token, { documentId: attachment }, { name: "большой.pdf", bytes: big });
    expect(refused(r)).toMatchObject({ code: "FILE_TOO_LARGE", message: "Файл больше допустимых 1 МБ" });
    await nothingLeft();
  });

  it("a request far over the limit is refused with 413 from its declared length", async () => {
    const r = await upload(s, token, { documentId: attachment }, { name: "огромный.pdf", bytes: Buffer.alloc(3 * LIMIT, 0x41) });
    expect(r.status).toBe(413);
    expect(r.errors?.[0]).toMatchObject({ message: "Файл больше допустимых 1 МБ", extensions: { code: "FILE_TOO_LARGE" } });
    await nothingLeft();
  });

  it("a streamed upload without a declared length is cut off at the limit, not read to its end", async () => {
    const boundary = "----medk" + Date.now();
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
        JSON.stringify({ query: "mutation($f: File!, $d: ID!) { uploadDocument(input: { file: $f, documentId: $d }) { __typename } }", variables: { f: null, d: attachment } }) +
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="поток.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const total = 20 * LIMIT;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(head));
      },
      pull(c) {
        if (sent >= total) {
          c.enqueue(new Uint8Array(Buffer.from(`\r\n--${boundary}--\r\n`)));
          return c.close();
        }
        sent += chunk.length;
        c.enqueue(new Uint8Array(chunk));
      },
    });
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` },
      body,
      duplex: "half",
    } as RequestInit).catch((e) => e as Error);
    // Either the 413 arrives, or the server drops the connection; in both cases it stopped reading.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe("FILE_TOO_LARGE");
    }
    expect(sent).toBeLessThan(total);
    await nothingLeft();
  });

  it("an upload the client aborts halfway leaves nothing", async () => {
    const boundary = "----medk-abort" + Date.now();
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
        JSON.stringify({ query: "mutation($f: File!, $d: ID!) { uploadDocument(input: { file: $f, documentId: $d }) { __typename } }", variables: { f: null, d: attachment } }) +
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="обрыв.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const abort = new AbortController();
    let chunks = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(head));
        c.enqueue(new Uint8Array(pdf()));
      },
      pull(c) {
        if (++chunks === 4) abort.abort();
        // undici keeps draining a body after an abort: end it, or the client spins forever.
        if (abort.signal.aborted) return c.close();
        c.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "x-graphql-yoga-csrf": "1", authorization: `Bearer ${token}` },
      body,
      duplex: "half",
      signal: abort.signal,
    } as RequestInit).catch((e) => e as Error);
    expect(res).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 500));
    await nothingLeft();
  });

  it.each([
    ["an image", "скан.png", Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex")],
    ["plain text named .pdf", "концепция.pdf", Buffer.from("Это не PDF, а просто текст", "utf8")],
    ["a program named .doc", "программа.doc", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(600)])],
    ["a plain zip named .docx", "архив.docx", zip([["readme.txt", "hello"]])],
    ["a PowerPoint compound file named .doc", "слайды.doc", cfb("PowerPoint Document")],
  ])("%s is refused as a wrong type", async (_what, name, bytes) => {
    const r = await upload(s, token, { documentId: attachment }, { name, bytes });
    expect(refused(r)).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED", message: expect.stringContaining("PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, RTF") });
    await nothingLeft();
  });

  it.each([
    ["a DOCX named .pdf", "Концепция.pdf", "DOCX", docx],
    ["a PDF named .docx", "Концепция.docx", "PDF", () => pdf()],
    ["a Word file named .xls", "Таблица.xls", "DOC", doc],
    ["a spreadsheet named .odt", "Текст.odt", "ODS", ods],
  ])("%s (%s) is refused: the extension lies", async (_what, name, label, make) => {
    const r = await upload(s, token, { documentId: attachment }, { name, bytes: make() });
    expect(refused(r)).toMatchObject({ code: "FILE_EXTENSION_MISMATCH", message: expect.stringContaining(`(${label})`) });
    await nothingLeft();
  });

  it("concurrent uploads that lose the race leave no stray files", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(s, token, { documentId: attachment }, { name: `гонка ${i}.pdf`, bytes: pdf(`race ${i} ${Date.now()}`) })));
    const ok = results.filter((r) => r.data?.uploadDocument?.__typename === "MutationUploadDocumentSuccess");
    const lost = results.filter((r) => r.data?.uploadDocument?.code === "DOCUMENT_CHANGED");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + lost.length).toBe(6);
    const after = await rowCounts(s, w.participationId, w.users.school.id);
    expect(after.versions - before.rows.versions).toBe(ok.length);
    expect(storedFiles(dir).length - before.files.length).toBe(ok.length);
  });
});

describe("file names", () => {
  it.each([
    ["../../../etc/Концепция развития.pdf", "Концепция развития.pdf"],
    ["..\\..\\Windows\\System32\\План.pdf", "План.pdf"],
    ["/абсолютный/путь/Программа.pdf", "Программа.pdf"],
    ["Кон\u0000цеп\u0007ция\u202Efdp.pdf", "Концепцияfdp.pdf"],
    ["  ...скрытый.pdf  ", "скрытый.pdf"],
    ["имя:с<запрещёнными>знаками?.pdf", "имя_с_запрещёнными_знаками_.pdf"],
    ["...", "документ.pdf"],
  ])("%j is kept as %j", async (raw, kept) => {
    const d = uploaded(await upload(s, token, { documentId: attachment }, { name: raw, bytes: pdf(`name ${raw}`) }));
    expect(d.versions[0].fileName).toBe(kept);
  });
});

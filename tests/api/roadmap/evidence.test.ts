// Evidence files: the same checks and storage as concept documents, downloads for whoever sees the
// roadmap, and nothing left behind by a refused file.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { pdf } from "../document/kit.ts";
import { config } from "../../../api/src/config.ts";
import { codeOf, download, roadmapWorld, uploadGql, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
let measureId: string;
let storage: string;

const EVIDENCE = `mutation($id: ID!, $url: String, $file: File, $note: String) { addMeasureEvidence(measureId: $id, url: $url, file: $file, note: $note) {
  __typename ... on MutationAddMeasureEvidenceSuccess { data { evidence { fileName fileSize downloadUrl note url addedByName } history { action after } } }
  ... on Error { code message } } }`;
const attach = (token: string, file: { name: string; bytes: Uint8Array }, note?: string) => uploadGql(s, token, EVIDENCE, { id: measureId, file: null, note }, "file", file);
const storedFiles = () => readdirSync(storage, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
const evidenceRows = () => s.db.measureEvidence.count({ where: { measure: { id: Buffer.from(measureId, "base64").toString().split(":")[1]! } } });

beforeAll(async () => {
  // This file's own store (read on each call), so refused uploads can be checked to leave nothing.
  process.env.MEDK_STORAGE_DIR = storage = mkdtempSync(join(tmpdir(), "medk-evidence-"));
  s = await startServer();
  rw = await roadmapWorld(s);
  const r = await s.gql(
    `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { ... on MutationCreateMeasureSuccess { data { id } } } }`,
    { input: { participationId: gid("Participation", rw.w.participationId), title: "Семинар «Формирующее оценивание»", dueDate: "2026-10-20" } },
    { token: rw.t.school },
  );
  measureId = r.data.createMeasure.data.id;
});
afterAll(async () => {
  await s.stop();
  rmSync(storage, { recursive: true, force: true });
});

describe("evidence files", () => {
  it("the school attaches a PDF; the curator downloads it under its Cyrillic name, another school gets 404", async () => {
    const bytes = pdf("Protokol seminara");
    const r = await attach(rw.t.school, { name: "Протокол семинара.pdf", bytes }, "Протокол");
    const [e] = r.data.addMeasureEvidence.data.evidence;
    expect(e).toMatchObject({ fileName: "Протокол семинара.pdf", fileSize: bytes.length, note: "Протокол", url: null });
    expect(e.downloadUrl).toMatch(/^\/files\/evidence\/[0-9a-f-]{36}$/);
    expect(r.data.addMeasureEvidence.data.history.at(-1)).toMatchObject({ action: "measure.evidence", after: { fileName: "Протокол семинара.pdf" } });

    const got = await download(s, e.downloadUrl, rw.t.curator);
    expect(got.status).toBe(200);
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers.get("content-disposition")).toContain("filename*=UTF-8''%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB");
    expect((await download(s, e.downloadUrl, rw.t.otherSchool)).status).toBe(404);
    expect((await download(s, e.downloadUrl)).status).toBe(401);
  });

  it("answers 304 to a matching ETag, like document versions, and the bytes to a stale one", async () => {
    const r = await attach(rw.t.school, { name: "Фото.pdf", bytes: pdf("etag check") });
    const url = r.data.addMeasureEvidence.data.evidence.at(-1).downloadUrl;
    const first = await download(s, url, rw.t.curator);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await download(s, url, rw.t.curator, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await download(s, url, rw.t.curator, { "if-none-match": '"stale"' })).status).toBe(200);
    // The ETag reveals nothing to whoever may not see the roadmap.
    expect((await download(s, url, rw.t.otherSchool, { "if-none-match": etag })).status).toBe(404);
  });

  it("a file over the size limit is refused and leaves no evidence row", async () => {
    const before = await evidenceRows();
    const big = new Uint8Array(config.uploadMaxBytes + 1);
    big.set(pdf());
    const r = await attach(rw.t.school, { name: "Фотоотчёт.pdf", bytes: big });
    expect(codeOf(r, "addMeasureEvidence")).toBe("FILE_TOO_LARGE");
    expect(r.data?.addMeasureEvidence?.message ?? r.errors?.[0]?.message).toMatch(/^Файл больше допустимых \d+ МБ$/);
    expect(await evidenceRows()).toBe(before);
    expect(storedFiles()).toHaveLength(2); // only the PDFs of the first tests
  });

  it("a file that is not one of the accepted formats is refused whatever its name says", async () => {
    const r = await attach(rw.t.school, { name: "отчёт.pdf", bytes: Buffer.from("MZ\x90\x00 not a pdf at all", "latin1") });
    expect(codeOf(r, "addMeasureEvidence")).toBe("FILE_TYPE_NOT_ALLOWED");
  });

  it("a link and a file at once is a validation error", async () => {
    const r = await uploadGql(s, rw.t.school, EVIDENCE, { id: measureId, file: null, url: "https://example.ru/a" }, "file", { name: "a.pdf", bytes: pdf() });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toContain("либо ссылку (url), либо файл (file)");
  });

  it("the curator may not attach evidence", async () => {
    const before = await evidenceRows();
    expect(codeOf(await attach(rw.t.curator, { name: "a.pdf", bytes: pdf() }), "addMeasureEvidence")).toBe("FORBIDDEN");
    expect(await evidenceRows()).toBe(before);
  });
});

// Downloads under /files/versions/<id>: the same access as the document, the original Cyrillic name in
// Content-Disposition, PDF inline and everything else as an attachment.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { docx, pdf, upload, uploaded } from "./kit.ts";

let s: TestServer;
let w: World;
let other: World;
const t: Record<string, string> = {};
const pdfBytes = pdf("download me");
let pdfUrl: string;
let docxUrl: string;

const get = (path: string, token?: string, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-doc-downloads-"));
  s = await startServer();
  w = await seedWorld(s.db);
  other = await seedWorld(s.db, { regionCode: 62 });
  for (const [k, u] of Object.entries({ ...w.users, otherSchool: other.users.school, otherCurator: other.users.curator, otherMunicipal: other.users.municipal }))
    t[k] = await s.signIn(u.email, TEST_PASSWORD);
  const d = uploaded(await upload(s, t.school!, { participationId: gid("Participation", w.participationId), kind: "CONCEPT" }, { name: "Концепция развития «Школа 2030».pdf", bytes: pdfBytes }));
  const d2 = uploaded(await upload(s, t.school!, { documentId: d.id }, { name: "Концепция (правки).docx", bytes: docx() }));
  pdfUrl = d2.versions[1].downloadUrl;
  docxUrl = d2.versions[0].downloadUrl;
});
afterAll(() => s?.stop());

describe("downloads", () => {
  it("the school downloads its PDF inline, byte for byte, under its Cyrillic name", async () => {
    const res = await get(pdfUrl, t.school);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const cd = res.headers.get("content-disposition")!;
    expect(cd).toMatch(/^inline; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe("Концепция развития «Школа 2030».pdf");
    expect(Buffer.from(await res.arrayBuffer()).equals(pdfBytes)).toBe(true);
  });

  it("other formats come as attachments", async () => {
    const res = await get(docxUrl, t.curator);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]*\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe("Концепция (правки).docx");
  });

  it("the assigned curator and the municipal coordinator may download; the session cookie works too", async () => {
    expect((await get(pdfUrl, t.curator)).status).toBe(200);
    expect((await get(pdfUrl, t.municipal)).status).toBe(200);
    expect((await get(pdfUrl, undefined, { cookie: `medk_session=${t.school}` })).status).toBe(200);
  });

  it("another school, an unassigned curator and another region's coordinator get 404, as for an unknown file", async () => {
    for (const who of ["otherSchool", "otherCurator", "otherMunicipal"]) {
      const res = await get(pdfUrl, t[who]);
      expect(res.status, who).toBe(404);
      expect(await res.text()).toBe("Файл не найден");
    }
    expect((await get("/files/versions/00000000-0000-0000-0000-000000000000", t.school)).status).toBe(404);
  });

  it("without credentials the answer is 401; odd paths and methods are refused", async () => {
    expect((await get(pdfUrl)).status).toBe(401);
    expect((await get("/files/versions/..%2F..%2Fetc%2Fpasswd", t.school)).status).toBe(404);
    expect((await get("/files/../package.json", t.school)).status).toBe(404);
    expect((await fetch(`${s.url}${pdfUrl}`, { method: "DELETE", headers: { authorization: `Bearer ${t.school}` } })).status).toBe(405);
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await get(pdfUrl, t.school);
    const etag = first.headers.get("etag")!;
    expect((await get(pdfUrl, t.school, { "if-none-match": etag })).status).toBe(304);
  });
});

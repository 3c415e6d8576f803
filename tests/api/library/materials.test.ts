// The methodical materials bank over real HTTP: a regional coordinator publishes a file (the documents'
// content checks and storage), adds a version that keeps the old one, everyone finds it by Russian word
// forms and with «ё»; who may publish; the file downloads for signed-in users only.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../testkit/people.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { pdf } from "../document/kit.ts";
import { uploadGql } from "../roadmap/helpers.ts";

let s: TestServer;
let w: World;
let t: Record<"school" | "regional" | "farRegional" | "federal", string>;
const TAG = `t${Date.now().toString(36)}`;

const M = `id title kind kindLabel riskFactorNumbers viewerCanAddVersion currentVersion { number fileName downloadPath url } versions { number note url fileName }`;
const PUBLISH = `mutation($i: PublishMaterialInput!) { publishMaterial(input: $i) { __typename ... on DomainError { code message } ... on MutationPublishMaterialSuccess { data { ${M} } } } }`;
const VERSION = `mutation($i: AddMaterialVersionInput!) { addMaterialVersion(input: $i) { __typename ... on DomainError { code message } ... on MutationAddMaterialVersionSuccess { data { ${M} } } } }`;
const SEARCH = `query($t: String, $k: MaterialKind, $f: Int) { materials(text: $t, kind: $k, riskFactor: $f, first: 50) { total materials { id title } } }`;

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-library-files-"));
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  const regional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
  const far = await seedWorld(s.db, { regionCode: 62 });
  const farRegional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: far.regionId });
  t = {
    school: await s.signIn(w.users.school.email, TEST_PASSWORD),
    regional: await s.signIn(regional.email, TEST_PASSWORD),
    farRegional: await s.signIn(farRegional.email, TEST_PASSWORD),
    federal: await s.signIn("fioco@demo.medk.ru"),
  };
}, 60_000);
afterAll(() => s.stop());

describe("the materials bank", () => {
  it("publishes a file, adds a version that keeps the old one, and finds it by another word form and with «ё»", async () => {
    const input = {
      kind: "METHODICAL",
      title: `Методические рекомендации по разработке антирисковых программ ${TAG}`,
      description: "Как учесть обучающихся с трудностями в учёбе.",
      regionId: gid("Region", w.regionId),
      riskFactorNumbers: [6, 3, 6],
      file: null,
    };
    const r = await uploadGql(s, t.regional, PUBLISH, { i: input }, "i.file", { name: "metodika.pdf", bytes: pdf("v1") });
    const m = r.data.publishMaterial.data;
    expect([m.kindLabel, m.riskFactorNumbers, m.currentVersion.number, m.currentVersion.fileName]).toEqual(["методика", [3, 6], 1, "metodika.pdf"]);
    expect(m.currentVersion.downloadPath).toMatch(/^\/files\/materials\/[0-9a-f-]{36}$/);

    const v2 = await uploadGql(s, t.regional, VERSION, { i: { materialId: m.id, note: "Обновлено по итогам года", file: null } }, "i.file", { name: "metodika-2.pdf", bytes: pdf("v2") });
    const after = v2.data.addMaterialVersion.data;
    expect(after.versions.map((v: any) => [v.number, v.fileName, v.note])).toEqual([
      [2, "metodika-2.pdf", "Обновлено по итогам года"],
      [1, "metodika.pdf", null],
    ]);
    expect(after.currentVersion.number).toBe(2);

    // everyone reads: the school finds it by other word forms, «е» for «ё», and by risk factor
    for (const q of [`антирисковой программы ${TAG}`, `учебе трудности ${TAG}`]) {
      const found = (await s.gql(SEARCH, { t: q }, { token: t.school })).data.materials;
      expect(
        found.materials.map((x: any) => x.id),
        q,
      ).toEqual([m.id]);
    }
    const byFactor = (await s.gql(SEARCH, { f: 6, t: TAG }, { token: t.school })).data.materials;
    expect(byFactor.total).toBe(1);
    expect((await s.gql(SEARCH, { f: 9, t: TAG }, { token: t.school })).data.materials.total).toBe(0);

    // the current file downloads for a signed-in user, not for an anonymous one
    const path = after.currentVersion.downloadPath;
    const dl = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${t.school}` } });
    expect([dl.status, dl.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect((await fetch(`${s.url}${path}`)).status).toBe(401);

    const audit = await s.db.auditEvent.findMany({ where: { entityType: "Material", entityId: Buffer.from(m.id, "base64").toString().split(":")[1] }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["material.published", "material.version.added"]);
  });

  it("a link instead of a file; only coordinators publish, a regional one for its own region", async () => {
    const link = { kind: "WEBINAR_RECORDING", title: `Запись вебинара ${TAG}`, url: "https://video.example/webinar", regionId: gid("Region", w.regionId) };
    expect((await s.gql(PUBLISH, { i: link }, { token: t.school })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(PUBLISH, { i: link }, { token: t.farRegional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(PUBLISH, { i: { ...link, regionId: null } }, { token: t.regional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(PUBLISH, { i: { ...link, url: null } }, { token: t.regional })).data.publishMaterial.code).toBe("FILE_OR_URL");
    const bad = await s.gql(PUBLISH, { i: { ...link, url: "ftp://x" } }, { token: t.regional });
    expect(JSON.stringify(bad)).toContain("Ссылка должна начинаться с http:// или https://");
    const ok = (await s.gql(PUBLISH, { i: link }, { token: t.regional })).data.publishMaterial.data;
    expect([ok.currentVersion.url, ok.viewerCanAddVersion]).toEqual(["https://video.example/webinar", true]);
    const fed = (await s.gql(PUBLISH, { i: { ...link, regionId: null, title: `Федеральная запись ${TAG}` } }, { token: t.federal })).data.publishMaterial.data;
    expect(fed.title).toContain("Федеральная");
    // a far coordinator cannot version it; the school sees it but may not
    const v = { i: { materialId: ok.id, url: "https://video.example/v2" } };
    expect((await s.gql(VERSION, v, { token: t.farRegional })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(VERSION, v, { token: t.school })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const seen = await s.gql(`query($id: ID!) { material(id: $id) { title viewerCanAddVersion } }`, { id: ok.id }, { token: t.school });
    expect(seen.data.material).toEqual({ title: link.title, viewerCanAddVersion: false });
  });
});

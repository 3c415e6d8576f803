// The school registry by file: a preview sorts every row into new / changed / unchanged / rejected
// (rejected with its row, column and a Russian reason), nothing is written until the coordinator applies
// it, applying is one transaction, re-importing the same file changes nothing, a stale preview is refused,
// and a region touches only its own schools.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { apply, badInn, cp1251, csv, freshInn, freshOgrn, preview, SCHOOL_HEADER, xlsx } from "./helpers.ts";

let s: TestServer;
const t: Record<"region" | "other" | "federal" | "municipal" | "school", string> = {} as never;
let region: { id: string; code: number };
let other: { id: string; code: number };
let muni: { id: string; name: string };
const tag = randomUUID().slice(0, 6);
const good = [freshInn(), freshInn(), freshInn()];
const ogrn = freshOgrn();

beforeAll(async () => {
  s = await startServer();
  const r = await s.db.region.findUniqueOrThrow({ where: { code: 33 } });
  const o = await s.db.region.findUniqueOrThrow({ where: { code: 34 } });
  region = { id: r.id, code: r.code };
  other = { id: o.id, code: o.code };
  const m = await s.db.municipality.create({ data: { regionId: region.id, name: `Судогодский район ${tag}` } });
  muni = { id: m.id, name: m.name };
  const sign = async (u: { email: string }) => s.signIn(u.email, TEST_PASSWORD);
  t.region = await sign(await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: region.id }));
  t.other = await sign(await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: other.id }));
  t.federal = await sign(await addUser(s.db, "FEDERAL_COORDINATOR"));
  t.municipal = await sign(await addUser(s.db, "MUNICIPAL_COORDINATOR", { municipalityId: muni.id }));
});
afterAll(() => s.stop());

const schoolsOf = (municipalityId: string) => s.db.school.findMany({ where: { municipalityId }, orderBy: { shortName: "asc" } });

describe("school registry import", () => {
  let fileRows: string[][];

  it("previews a Windows-1251 CSV with «;»: each rejected row has its row, column and reason; nothing is written", async () => {
    fileRows = [
      SCHOOL_HEADER,
      [muni.name, `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1 ${tag}»`, `МБОУ СОШ № 1 ${tag}`, good[0]!, ogrn, "г. Судогда, ул. Ленина, 1", "да"],
      [muni.name, `МБОУ «Основная школа ${tag}»`, `МБОУ ООШ ${tag}`, good[1]!, "", "", "нет"],
      [muni.name, `Школа с ошибкой в ИНН ${tag}`, `Ошибка ИНН ${tag}`, badInn(good[2]!), "", "", "нет"],
      [`Несуществующий район ${tag}`, `Школа в неизвестном районе ${tag}`, `Неизвестный район ${tag}`, freshInn(), "", "", "нет"],
      [muni.name, `Повтор ИНН ${tag}`, `Повтор ${tag}`, good[0]!, "", "", "нет"],
    ];
    const p = await preview(s, t.region, { kind: "SCHOOLS" }, "реестр.csv", cp1251(csv(fileRows)));
    expect(p.typename, JSON.stringify(p)).toBe("MutationPreviewRegistryImportSuccess");
    expect(p.data).toMatchObject({ kind: "SCHOOLS", newCount: 2, changedCount: 0, unchangedCount: 0, rejectedCount: 3, appliedAt: null });
    const rejected = p.data.rows.filter((r: any) => r.outcome === "REJECTED").map((r: any) => [r.rowNumber, r.problems[0].column, r.problems[0].message]);
    expect(rejected).toEqual([
      [4, "ИНН", "Неверная контрольная цифра ИНН"],
      [5, "Муниципальное образование", `Муниципалитета «Несуществующий район ${tag}» нет в субъекте: сначала загрузите или создайте его`],
      [6, "ИНН", "ИНН повторяется в файле: уже указан в строке 2"],
    ]);
    expect(p.data.rows.find((r: any) => r.rowNumber === 2)).toMatchObject({ outcome: "NEW", label: `МБОУ СОШ № 1 ${tag}` });
    expect(await schoolsOf(muni.id)).toEqual([]);
  });

  it("applies in one transaction with audit entries; the same file again changes nothing", async () => {
    const p = await preview(s, t.region, { kind: "SCHOOLS" }, "реестр.csv", cp1251(csv(fileRows)));
    const a = await apply(s, t.region, p.data.id);
    expect(a.typename, JSON.stringify(a)).toBe("MutationApplyRegistryImportSuccess");
    expect(a.data.import.appliedAt).not.toBeNull();
    const after = await schoolsOf(muni.id);
    expect(after.map((x) => [x.shortName, x.inn, x.canHostCurators])).toEqual([
      [`МБОУ ООШ ${tag}`, good[1], false],
      [`МБОУ СОШ № 1 ${tag}`, good[0], true],
    ]);
    expect(await s.db.auditEvent.count({ where: { action: "school.import.create", entityId: { in: after.map((x) => x.id) } } })).toBe(2);
    expect(await s.db.auditEvent.count({ where: { action: "registry.apply", entityId: p.data.id } })).toBe(1);
    expect((await apply(s, t.region, p.data.id)).code).toBe("IMPORT_ALREADY_APPLIED");

    const again = await preview(s, t.region, { kind: "SCHOOLS" }, "реестр.csv", cp1251(csv(fileRows)));
    expect(again.data).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 2, rejectedCount: 3 });
    expect((await apply(s, t.region, again.data.id)).code).toBe("IMPORT_NOTHING_TO_APPLY");
    expect(await schoolsOf(muni.id)).toEqual(after);
  });

  it("reads .xlsx and UTF-8 CSV with «,»; a changed name and address are shown before and after", async () => {
    const rows = [SCHOOL_HEADER, [muni.name, `МБОУ «Основная школа ${tag}»`, `МБОУ ООШ ${tag}`, good[1]!, "", "с. Мошок, ул. Школьная, 3", "нет"]];
    const x = await preview(s, t.region, { kind: "SCHOOLS" }, "реестр.xlsx", await xlsx(rows));
    expect(x.data, JSON.stringify(x)).toMatchObject({ newCount: 0, changedCount: 1, unchangedCount: 0, rejectedCount: 0 });
    expect(x.data.rows[0].changes).toEqual({ address: [null, "с. Мошок, ул. Школьная, 3"] });
    const c = await preview(s, t.region, { kind: "SCHOOLS" }, "реестр.csv", new TextEncoder().encode("\uFEFF" + csv(rows, ",")));
    expect(c.data).toMatchObject({ changedCount: 1 });
    expect((await apply(s, t.region, x.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect((await s.db.school.findUniqueOrThrow({ where: { inn: good[1] } })).address).toBe("с. Мошок, ул. Школьная, 3");
    // The second preview was made before the first was applied: it is stale now.
    const stale = await apply(s, t.region, c.data.id);
    expect(stale.code).toBe("IMPORT_PREVIEW_STALE");
    expect(stale.message).toMatch(/Данные изменились после предпросмотра \(строки 2\)/);
  });

  it("refuses a stale preview and writes nothing when the registry changed meanwhile", async () => {
    const inn = freshInn();
    const p = await preview(s, t.region, { kind: "SCHOOLS" }, "новая.csv", new TextEncoder().encode(csv([SCHOOL_HEADER, [muni.name, `Новая школа ${tag}`, `Новая ${tag}`, inn, "", "", "нет"]])));
    expect(p.data.newCount).toBe(1);
    await s.db.school.create({ data: { municipalityId: muni.id, fullName: "Внесена вручную", shortName: `Вручную ${tag}`, inn } });
    const before = await s.db.school.count({ where: { municipalityId: muni.id } });
    const a = await apply(s, t.region, p.data.id);
    expect(a.code).toBe("IMPORT_PREVIEW_STALE");
    expect(await s.db.school.count({ where: { municipalityId: muni.id } })).toBe(before);
    expect((await s.db.registryImport.findUniqueOrThrow({ where: { id: p.data.id } })).appliedAt).toBeNull();
  });

  it("a file without the required columns, an empty file and a file over the size limit are refused in Russian", async () => {
    const noCols = await preview(s, t.region, { kind: "SCHOOLS" }, "x.csv", new TextEncoder().encode("Школа;Телефон\nА;1\n"));
    expect(noCols.code).toBe("TABLE_UNREADABLE");
    expect(noCols.message).toMatch(/В первой строке файла нет столбцов «Муниципальное образование», «Полное наименование», «Краткое наименование», «ИНН»/);
    const empty = await preview(s, t.region, { kind: "SCHOOLS" }, "x.csv", new Uint8Array());
    expect(empty.message).toBe("Файл пустой");
    const big = await preview(s, t.region, { kind: "SCHOOLS" }, "x.csv", new Uint8Array(26 * 1024 * 1024).fill(0x41));
    expect(big.status).toBe(413);
    expect(big.message).toMatch(/Файл больше допустимых 25 МБ/);
  });
});

describe("regional scope", () => {
  it("a regional coordinator cannot import into another region, read its imports or edit its schools", async () => {
    const file = new TextEncoder().encode(csv([SCHOOL_HEADER, [muni.name, "Х", "Х", freshInn(), "", "", "нет"]]));
    expect((await preview(s, t.other, { kind: "SCHOOLS", regionId: gid("Region", region.id) }, "x.csv", file)).code).toBe("FORBIDDEN");
    expect((await preview(s, t.municipal, { kind: "SCHOOLS" }, "x.csv", file)).code).toBe("FORBIDDEN");
    const mine = await preview(s, t.region, { kind: "SCHOOLS" }, "x.csv", file);
    const read = await s.gql("query($id: ID!){ registryImport(id: $id){ id } }", { id: mine.data.id }, { token: t.other });
    expect(read.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await apply(s, t.other, mine.data.id)).code).toBe("NOT_FOUND");
    const school = await s.db.school.findFirstOrThrow({ where: { municipalityId: muni.id } });
    const edit = await s.gql('mutation($id: ID!){ updateSchool(id: $id, input: { address: "чужой" }){ __typename } }', { id: gid("School", school.id) }, { token: t.other });
    expect(edit.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("a school of another region named in the file is rejected, not moved", async () => {
    const om = await s.db.municipality.create({ data: { regionId: other.id, name: `Чужой район ${tag}` } });
    const inn = freshInn();
    await s.db.school.create({ data: { municipalityId: om.id, fullName: "Чужая школа", shortName: `Чужая ${tag}`, inn } });
    const p = await preview(s, t.region, { kind: "SCHOOLS" }, "x.csv", new TextEncoder().encode(csv([SCHOOL_HEADER, [muni.name, "Чужая школа", `Чужая ${tag}`, inn, "", "", "нет"]])));
    expect(p.data.rows[0]).toMatchObject({ outcome: "REJECTED", problems: [{ column: "ИНН", message: "Эта школа числится в другом субъекте: её меняет координатор того субъекта" }] });
  });

  it("the federal coordinator imports the whole country with a region code column", async () => {
    const inn = freshInn();
    const file = csv([
      ["Код субъекта", ...SCHOOL_HEADER],
      [String(region.code), muni.name, `Федеральная ${tag}`, `Фед ${tag}`, inn, "", "", "нет"],
      ["99", "Нигде", "Н", "Н", freshInn(), "", "", "нет"],
    ]);
    const p = await preview(s, t.federal, { kind: "SCHOOLS" }, "россия.csv", new TextEncoder().encode(file));
    expect(p.data).toMatchObject({ newCount: 1, rejectedCount: 1 });
    expect(p.data.rows[1].problems[0]).toEqual({ column: "Код субъекта", message: "Субъекта с кодом 99 нет" });
    expect((await apply(s, t.federal, p.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect(await s.db.school.count({ where: { inn } })).toBe(1);
  });
});

describe("municipalities and a school by hand", () => {
  it("creates and renames municipalities by file", async () => {
    const file = csv([
      ["Наименование", "Прежнее наименование"],
      [`Новый округ ${tag}`, ""],
      [`Судогодский округ ${tag}`, muni.name],
    ]);
    const p = await preview(s, t.region, { kind: "MUNICIPALITIES" }, "мо.csv", new TextEncoder().encode(file));
    expect(p.data).toMatchObject({ newCount: 1, changedCount: 1 });
    expect(p.data.rows[1].changes).toEqual({ name: [muni.name, `Судогодский округ ${tag}`] });
    expect((await apply(s, t.region, p.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect((await s.db.municipality.findUniqueOrThrow({ where: { id: muni.id } })).name).toBe(`Судогодский округ ${tag}`);
    expect(await s.db.municipality.count({ where: { regionId: region.id, name: `Новый округ ${tag}` } })).toBe(1);
    muni.name = `Судогодский округ ${tag}`;
  });

  it("edits one school: bad ИНН is refused in Russian, a good edit is kept in history", async () => {
    const school = await s.db.school.findFirstOrThrow({ where: { municipalityId: muni.id, inn: good[1] } });
    const q =
      "mutation($id: ID!, $i: UpdateSchoolInput!){ updateSchool(id: $id, input: $i){ __typename ... on Error { code message } ... on MutationUpdateSchoolSuccess { data { shortName canHostCurators } } } }";
    const bad = await s.gql(q, { id: gid("School", school.id), i: { inn: badInn(school.inn!) } }, { token: t.region });
    expect(bad.data.updateSchool).toMatchObject({ code: "SCHOOL_CONFLICT", message: "Неверный ИНН: 10 цифр с верной контрольной цифрой" });
    const ok = await s.gql(q, { id: gid("School", school.id), i: { shortName: `МБОУ ООШ им. Героя ${tag}`, canHostCurators: true } }, { token: t.region });
    expect(ok.data.updateSchool.data).toEqual({ shortName: `МБОУ ООШ им. Героя ${tag}`, canHostCurators: true });
    const ev = await s.db.auditEvent.findFirstOrThrow({ where: { action: "school.update", entityId: school.id } });
    expect(ev.before).toEqual({ shortName: `МБОУ ООШ ${tag}`, canHostCurators: false });
    const mun = await s.gql(q, { id: gid("School", school.id), i: { address: "x" } }, { token: t.municipal });
    expect(mun.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

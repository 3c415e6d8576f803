// A year's participants by decree (file or picked from the registry), their status changes with
// history, and bulk onboarding: school and curator accounts with invitations and curator assignments.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { apply, csv, freshInn, preview } from "./helpers.ts";

let s: TestServer;
const t: Record<"region" | "other" | "federal" | "municipal", string> = {} as never;
let regionId: string;
let muniId: string;
const tag = randomUUID().slice(0, 6);
const YEAR = 2026;
const inns = { a: freshInn(), b: freshInn(), c: freshInn(), host: freshInn(), foreign: freshInn() };
const ids: Record<keyof typeof inns, string> = {} as never;
const enc = (rows: string[][]) => new TextEncoder().encode(csv(rows));

beforeAll(async () => {
  s = await startServer();
  regionId = (await s.db.region.findUniqueOrThrow({ where: { code: 36 } })).id;
  const otherId = (await s.db.region.findUniqueOrThrow({ where: { code: 37 } })).id;
  muniId = (await s.db.municipality.create({ data: { regionId, name: `Бобровский район ${tag}` } })).id;
  const om = await s.db.municipality.create({ data: { regionId: otherId, name: `Кинешемский район ${tag}` } });
  for (const k of ["a", "b", "c", "host"] as const)
    ids[k] = (
      await s.db.school.create({ data: { municipalityId: muniId, fullName: `Школа ${k} ${tag}`, shortName: `Школа ${k.toUpperCase()} ${tag}`, inn: inns[k], canHostCurators: k === "host" } })
    ).id;
  ids.foreign = (await s.db.school.create({ data: { municipalityId: om.id, fullName: "Чужая", shortName: `Чужая ${tag}`, inn: inns.foreign } })).id;
  const sign = async (u: { email: string }) => s.signIn(u.email, TEST_PASSWORD);
  t.region = await sign(await addUser(s.db, "REGIONAL_COORDINATOR", { regionId }));
  t.other = await sign(await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: otherId }));
  t.federal = await sign(await addUser(s.db, "FEDERAL_COORDINATOR"));
  t.municipal = await sign(await addUser(s.db, "MUNICIPAL_COORDINATOR", { municipalityId: muniId }));
});
afterAll(() => s.stop());

const participation = (k: keyof typeof ids) => s.db.participation.findFirst({ where: { schoolId: ids[k], programmeYear: { year: YEAR } } });

describe("participants by decree", () => {
  it("needs the decree's number and date", async () => {
    const p = await preview(s, t.region, { kind: "PARTICIPANTS", year: YEAR }, "приказ.csv", enc([["ИНН"], [inns.a]]));
    expect([p.code, p.message]).toEqual(["DECREE_REQUIRED", "Укажите номер и дату приказа"]);
  });

  it("imports the list: unknown, foreign and repeated ИНН are rejected; applying lists the schools with the decree", async () => {
    const file = enc([
      ["ИНН", "Наименование"],
      [inns.a, "А"],
      [inns.b, "Б"],
      [inns.foreign, "Чужая"],
      [inns.a, "А ещё раз"],
      [freshInn(), "Нет в реестре"],
    ]);
    const input = { kind: "PARTICIPANTS", year: YEAR, decreeNumber: "1186", decreeDate: "2021-12-17" };
    const p = await preview(s, t.region, input, "приказ.csv", file);
    expect(p.data, JSON.stringify(p)).toMatchObject({ newCount: 2, rejectedCount: 3, decree: "приказ от 17.12.2021 № 1186" });
    expect(p.data.rows.filter((r: any) => r.outcome === "REJECTED").map((r: any) => [r.rowNumber, r.problems[0].message])).toEqual([
      [4, "Школы с таким ИНН нет в реестре субъекта: сначала загрузите реестр"],
      [5, "ИНН повторяется в файле: уже указан в строке 2"],
      [6, "Школы с таким ИНН нет в реестре субъекта: сначала загрузите реестр"],
    ]);
    expect(await participation("a")).toBeNull();
    expect((await apply(s, t.region, p.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect(await participation("a")).toMatchObject({ decree: "приказ от 17.12.2021 № 1186", status: "PARTICIPATING" });
    const again = await preview(s, t.region, input, "приказ.csv", file);
    expect(again.data).toMatchObject({ newCount: 0, unchangedCount: 2 });
    expect(again.data.rows[0].data.note).toBe("Уже в списке года (приказ от 17.12.2021 № 1186)");
  });

  it("picks schools from the registry: a school already listed is reported, not duplicated", async () => {
    const q = `mutation($i: AddParticipantsInput!){ addParticipants(input: $i){ __typename ... on Error { code message }
      ... on MutationAddParticipantsSuccess { data { added { decree school { shortName } } alreadyListed { shortName } } } } }`;
    const i = { year: YEAR, schoolIds: [gid("School", ids.a), gid("School", ids.c)], decreeNumber: "12-п", decreeDate: "2022-01-20" };
    expect((await s.gql(q, { i }, { token: t.other })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await s.gql(q, { i }, { token: t.municipal })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const r = await s.gql(q, { i }, { token: t.region });
    expect(r.data.addParticipants.data).toEqual({ added: [{ decree: "приказ от 20.01.2022 № 12-п", school: { shortName: `Школа C ${tag}` } }], alreadyListed: [{ shortName: `Школа A ${tag}` }] });
    expect(await s.db.participation.count({ where: { schoolId: ids.a } })).toBe(1);
  });
});

describe("participation status", () => {
  const q = `mutation($id: ID!, $st: ParticipationStatus!, $r: String!, $d: Date){ changeParticipationStatus(id: $id, status: $st, reason: $r, date: $d){
    __typename ... on Error { code message } ... on MutationChangeParticipationStatusSuccess { data { status statusReason statusDate statusHistory { action reason after } } } } }`;

  it("withdrawn with a reason, back, then left the low-results list with a date; all in history", async () => {
    const id = gid("Participation", (await participation("b"))!.id);
    expect((await s.gql(q, { id, st: "WITHDRAWN", r: "x" }, { token: t.other })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await s.gql(q, { id, st: "WITHDRAWN", r: "x" }, { token: t.municipal })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const w = await s.gql(q, { id, st: "WITHDRAWN", r: "Реорганизация школы (приказ № 15 от 01.03.2026)" }, { token: t.region });
    expect(w.data.changeParticipationStatus.data).toMatchObject({ status: "WITHDRAWN", statusReason: "Реорганизация школы (приказ № 15 от 01.03.2026)" });
    const twice = await s.gql(q, { id, st: "LEFT_LOW_RESULTS", r: "x", d: "2026-05-01" }, { token: t.region });
    expect(twice.data.changeParticipationStatus).toMatchObject({ code: "INVALID_STATUS_TRANSITION", message: "Такой переход статуса невозможен: сначала верните школу в «Участвует»" });
    await s.gql(q, { id, st: "PARTICIPATING", r: "Ошибочно исключена" }, { token: t.region });
    const noDate = await s.gql(q, { id, st: "LEFT_LOW_RESULTS", r: "Результаты ВПР" }, { token: t.region });
    expect(noDate.data.changeParticipationStatus.message).toBe("Укажите дату выхода из списка школ с низкими результатами");
    const left = await s.gql(q, { id, st: "LEFT_LOW_RESULTS", r: "Приказ № 210 — вышла из списка ШНОР", d: "2026-06-15" }, { token: t.federal });
    const d = left.data.changeParticipationStatus.data;
    expect([d.status, d.statusDate]).toEqual(["LEFT_LOW_RESULTS", "2026-06-15"]);
    expect(d.statusHistory.map((h: any) => [h.action, h.reason, h.after.status])).toEqual([
      ["participation.create", null, "PARTICIPATING"],
      ["participation.status", "Реорганизация школы (приказ № 15 от 01.03.2026)", "WITHDRAWN"],
      ["participation.status", "Ошибочно исключена", "PARTICIPATING"],
      ["participation.status", "Приказ № 210 — вышла из списка ШНОР", "LEFT_LOW_RESULTS"],
    ]);
  });
});

describe("bulk onboarding", () => {
  const header = ["ИНН школы", "E-mail школы", "Руководитель школы", "E-mail куратора", "ФИО куратора", "ИНН школы куратора"];
  const schoolMail = `school.a.${tag}@test.medk.ru`;
  const curatorMail = `curator.${tag}@test.medk.ru`;

  it("creates school and curator accounts with invitations and assigns the curator; the same file again changes nothing", async () => {
    const file = enc([
      header,
      [inns.a, schoolMail, "Иванова Мария Петровна", curatorMail, "Петров Иван Сергеевич", inns.host],
      [inns.c, `school.c.${tag}@test.medk.ru`, "", curatorMail, "Петров Иван Сергеевич", inns.host],
      [inns.foreign, `f.${tag}@test.medk.ru`, "", "", "", ""],
      [inns.host, `h.${tag}@test.medk.ru`, "", "", "", ""],
      [inns.a, "не-почта", "", "", "", ""],
    ]);
    const p = await preview(s, t.region, { kind: "ONBOARDING", year: YEAR }, "подключение.csv", file);
    expect(p.data, JSON.stringify(p)).toMatchObject({ newCount: 2, rejectedCount: 3 });
    expect(p.data.rows.filter((r: any) => r.outcome === "REJECTED").map((r: any) => [r.rowNumber, r.problems[0].column, r.problems[0].message])).toEqual([
      [4, "ИНН школы", "Школы с таким ИНН нет в реестре субъекта"],
      [5, "ИНН школы", `Школа HOST ${tag} не в списке участников года: сначала загрузите список по приказу`],
      [6, "E-mail школы", "Неверный адрес e-mail"],
    ]);
    expect((await apply(s, t.other, p.data.id)).code).toBe("NOT_FOUND");
    const a = await apply(s, t.region, p.data.id);
    expect(a.typename, JSON.stringify(a)).toBe("MutationApplyRegistryImportSuccess");
    const inv = a.data.invitations;
    expect(inv.map((i: any) => [i.email, i.role, i.schoolName])).toEqual([
      [schoolMail, "SCHOOL", `Школа A ${tag}`],
      [curatorMail, "CURATOR", `Школа A ${tag}`],
      [`school.c.${tag}@test.medk.ru`, "SCHOOL", `Школа C ${tag}`],
    ]);
    const curator = await s.db.user.findUniqueOrThrow({ where: { email: curatorMail }, include: { roles: true, curatorships: { include: { participation: true } } } });
    expect(curator.roles.map((r) => r.role)).toEqual(["CURATOR"]);
    expect(curator.curatorships.map((c) => c.participation.schoolId).sort()).toEqual([ids.a, ids.c].sort());

    // The school signs in by its invitation and sees its year.
    const token = inv[0].invitationPath.replace("/invite/", "");
    const acc = await s.gql("mutation($t: String!, $p: String!){ acceptInvitation(token: $t, password: $p){ __typename ... on MutationAcceptInvitationSuccess { data { token } } } }", {
      t: token,
      p: "школа-пароль-2026",
    });
    const st = acc.data.acceptInvitation.data.token;
    const me = await s.gql("{ viewer { fullName } schools(first: 5) { edges { node { shortName participations { programmeYear { year } curators { curator { email } } } } } } }", {}, { token: st });
    expect(me.data.schools.edges.map((e: any) => e.node)).toEqual([
      { shortName: `Школа A ${tag}`, participations: [{ programmeYear: { year: YEAR }, curators: [{ curator: { email: curatorMail } }] }] },
    ]);

    const again = await preview(s, t.region, { kind: "ONBOARDING", year: YEAR }, "подключение.csv", file);
    expect(again.data).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 2 });
    expect(await s.db.auditEvent.count({ where: { action: "user.create", entityId: curator.id } })).toBe(1);
  });
});

// Survey results import and profiles computed from the significance rules: the preview rejects each kind
// of bad row with its reason, nothing is written before apply, re-applying the same file changes nothing,
// a re-import resets the verification only where a level changed and keeps the chosen risks and manual
// corrections; the rules editor validates its input and recomputes the profiles at once.
// The file works on its own copy of the demo database: rule changes recompute a whole year.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { cloneDatabase, type DatabaseCopy } from "../../testkit/database.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { apply, badInn, csv, freshInn, preview, xlsx } from "../registry/helpers.ts";

let copy: DatabaseCopy;
let sharedUrl: string | undefined;
let s: TestServer;
let w: World;
let far: World;
let t: Record<"federal" | "region" | "farRegion" | "school" | "curator" | "municipal", string>;
const inn = { w: freshInn(), far: freshInn(), outsider: freshInn() };
let factor: Map<number, string>;

const HEADER = ["ИНН", "Наименование", "Группа респондентов", "Код вопроса", "Значение"];
const enc = (rows: string[][]) => new TextEncoder().encode(csv([HEADER, ...rows]));
const YEAR = 2026;

const PROFILE = `query($id: ID!) { node(id: $id) { ... on Participation { riskProfile { verified missingParties
  entries { significance explanation computedSignificance computedExplanation corrected chosen riskFactor { number } } } } } }`;
const profile = async () => (await s.gql(PROFILE, { id: gid("Participation", w.participationId) }, { token: t.school })).data.node.riskProfile;
const entry = async (n: number) => (await profile()).entries.find((e: any) => e.riskFactor.number === n);

beforeAll(async () => {
  copy = await cloneDatabase(process.env.MEDK_TEST_TEMPLATE_URL!, "survey");
  sharedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = copy.url;
  s = await startServer();
  [w, far] = await Promise.all([seedWorld(s.db), seedWorld(s.db, { regionCode: 62 })]);
  await s.db.school.update({ where: { id: w.schoolId }, data: { inn: inn.w } });
  await s.db.school.update({ where: { id: far.schoolId }, data: { inn: inn.far } });
  // In the registry of the region, but not a participant of the year.
  await s.db.school.create({ data: { municipalityId: w.municipalityId, fullName: "Не участник", shortName: "Школа-не-участник", inn: inn.outsider } });
  const [federal, region, farRegion] = await Promise.all([
    addUser(s.db, "FEDERAL_COORDINATOR"),
    addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId }),
    addUser(s.db, "REGIONAL_COORDINATOR", { regionId: far.regionId }),
  ]);
  const who = { federal, region, farRegion, school: w.users.school, curator: w.users.curator, municipal: w.users.municipal };
  const tokens = await Promise.all(Object.values(who).map((u) => s.signIn(u.email, TEST_PASSWORD)));
  t = Object.fromEntries(Object.keys(who).map((k, i) => [k, tokens[i]])) as typeof t;
  const factors = await s.db.riskFactor.findMany({ where: { programmeYear: { year: YEAR, programme: { regionId: null } } } });
  factor = new Map(factors.map((f) => [f.number, f.id]));
});
afterAll(async () => {
  await s?.stop();
  process.env.DATABASE_URL = sharedUrl;
  await copy?.drop();
});

describe("survey import", () => {
  it("needs the programme year", async () => {
    const p = await preview(s, t.region, { kind: "SURVEY" }, "анкеты.csv", enc([[inn.w, "", "учителя", "УЧ-31", "0,9"]]));
    expect([p.code, p.message]).toEqual(["YEAR_REQUIRED", "Укажите год проекта"]);
  });

  it("previews every kind of bad row with its column and reason, writes nothing, then applies the rest and computes the profile", async () => {
    const file = enc([
      [inn.w, "Наша школа", "учителя", "УЧ-31", "0,9"],
      [inn.w, "", "Руководители", "рук-11", "0.6"],
      [inn.w, "", "руководители", "РУК-12", "70 %"],
      [freshInn(), "", "учителя", "УЧ-31", "0,5"],
      [inn.outsider, "", "учителя", "УЧ-31", "0,5"],
      [inn.far, "", "учителя", "УЧ-31", "0,5"],
      [inn.w, "", "учителя", "УЧ-999", "0,5"],
      [inn.w, "", "учителя", "УЧ-14", "много"],
      [inn.w, "", "учителя", "УЧ-15", "1,5"],
      [inn.w, "", "учителя", "УЧ-31", "0,1"],
      [inn.w, "", "родители", "УЧ-16", "0,3"],
      [badInn(inn.w), "", "учителя", "УЧ-16", "0,3"],
      [inn.w, "", "вахтёры", "УЧ-16", "0,3"],
    ]);
    const p = await preview(s, t.region, { kind: "SURVEY", year: YEAR }, "анкеты.csv", file);
    expect(p.data, JSON.stringify(p)).toMatchObject({ kind: "SURVEY", newCount: 3, changedCount: 0, unchangedCount: 0, rejectedCount: 10 });
    expect(p.data.rows.filter((r: any) => r.outcome === "REJECTED").map((r: any) => [r.rowNumber, r.problems[0].column, r.problems[0].message])).toEqual([
      [5, "ИНН", "Школы с таким ИНН нет в реестре"],
      [6, "ИНН", `Школа-не-участник не участвует в проекте в ${YEAR} году`],
      [7, "ИНН", expect.stringMatching(/школа другого субъекта \(Рязанская область\): загружайте результаты школ своего субъекта$/)],
      [8, "Код вопроса", `Вопроса УЧ-999 нет в правилах значимости ${YEAR} года: его ответ ни на что не влияет`],
      [9, "Значение", "«много» — не число"],
      [10, "Значение", "Значение вне диапазона: доля от 0 до 1 (или процент от 0 % до 100 %)"],
      [11, "Код вопроса", "Ответ школы на этот вопрос повторяется в файле: уже указан в строке 2"],
      [12, "Группа респондентов", "Вопрос УЧ-16 — из анкеты учителей, а в строке указаны родители"],
      [13, "ИНН", "Неверная контрольная цифра ИНН"],
      [14, "Группа респондентов", "Неизвестная группа респондентов «вахтёры»: руководители, учителя, обучающиеся или родители"],
    ]);
    expect(await s.db.surveyAnswer.count({ where: { participationId: w.participationId } })).toBe(0);
    expect(await s.db.riskProfile.count({ where: { participationId: w.participationId } })).toBe(0);

    const a = await apply(s, t.region, p.data.id);
    expect(a.typename, JSON.stringify(a)).toBe("MutationApplyRegistryImportSuccess");
    const answers = await s.db.surveyAnswer.findMany({ where: { participationId: w.participationId }, orderBy: { questionCode: "asc" } });
    expect(answers.map((x) => [x.questionCode, Number(x.value)])).toEqual([
      ["РУК-11", 0.6],
      ["РУК-12", 0.7],
      ["УЧ-31", 0.9],
    ]);

    const f1 = await entry(1);
    // Mean of 0.6, 0.7, 0.9 = 0.733 ≥ 0.5 → высокая; the digital indicator has no answers → низкая.
    expect(f1).toMatchObject({ significance: "HIGH", computedSignificance: "HIGH", corrected: false, chosen: false });
    expect(f1.explanation).toContain(
      "Показатель «Доля неудовлетворённых потребностей в оборудовании» = 73,3 % — среднее по 3 вопросам анкет руководителей и учителей; пороги: высокая — от 50 %, средняя — от 30 % → высокая.",
    );
    expect(f1.explanation).toContain("Показатель «Доля учителей без доступа к цифровым ресурсам на уроке»: нет ответов");
    expect(f1.explanation).not.toMatch(/F\d\d_/);
    expect((await entry(3)).significance).toBe("LOW");
    const note = await s.db.notification.findFirst({ where: { recipientId: w.users.school.id, kind: "PROFILE_RECOMPUTED" } });
    expect(note?.title).toMatch(/рассчитан по результатам анкетирования/);
  });

  it("re-applying the same file changes nothing", async () => {
    const before = await s.db.riskProfile.findUniqueOrThrow({ where: { participationId: w.participationId } });
    const audits = await s.db.auditEvent.count({ where: { entityId: before.id } });
    const file = await xlsx([HEADER, [inn.w, "", "учителя", "УЧ-31", 0.9], [inn.w, "", "руководители", "РУК-11", 0.6], [inn.w, "", "руководители", "РУК-12", "70%"]]);
    const p = await preview(s, t.federal, { kind: "SURVEY", year: YEAR }, "анкеты.xlsx", file);
    expect(p.data, JSON.stringify(p)).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 3, rejectedCount: 0 });
    expect((await apply(s, t.federal, p.data.id)).code).toBe("IMPORT_NOTHING_TO_APPLY");
    expect((await s.db.riskProfile.findUniqueOrThrow({ where: { participationId: w.participationId } })).updatedAt).toEqual(before.updatedAt);
    expect(await s.db.auditEvent.count({ where: { entityId: before.id } })).toBe(audits);
  });

  it("a regional coordinator of another region cannot import into this one; a school cannot import at all", async () => {
    const file = enc([[inn.w, "", "учителя", "УЧ-31", "0,2"]]);
    const far = await preview(s, t.farRegion, { kind: "SURVEY", year: YEAR }, "анкеты.csv", file);
    // Its own region only: the school is rejected as another region's.
    expect(far.data.rows[0].problems[0].message).toMatch(/школа другого субъекта/);
    expect((await preview(s, t.school, { kind: "SURVEY", year: YEAR }, "анкеты.csv", file)).code).toBe("FORBIDDEN");
  });

  it("a re-import keeps the choice and the verification where no level changed, and resets it where one did", async () => {
    const CHOOSE = `mutation($p: ID!, $ids: [ID!]!) { setRiskChoice(participationId: $p, riskFactorIds: $ids) { __typename } }`;
    const CONFIRM = `mutation($p: ID!) { confirmRiskProfile(participationId: $p) { __typename ... on Error { message } } }`;
    const pid = gid("Participation", w.participationId);
    expect((await s.gql(CHOOSE, { p: pid, ids: [gid("RiskFactor", factor.get(1)!)] }, { token: t.school })).data.setRiskChoice.__typename).toBe("MutationSetRiskChoiceSuccess");
    for (const who of [t.school, t.curator, t.municipal]) expect((await s.gql(CONFIRM, { p: pid }, { token: who })).data.confirmRiskProfile.__typename).toBe("MutationConfirmRiskProfileSuccess");
    expect((await profile()).verified).toBe(true);

    // Factor 3's questions come in low: it stays «низкая», nothing in force changes.
    const quiet = await preview(
      s,
      t.region,
      { kind: "SURVEY", year: YEAR },
      "анкеты.csv",
      enc([
        [inn.w, "", "учителя", "УЧ-14", "0,05"],
        [inn.w, "", "учителя", "УЧ-15", "0,05"],
      ]),
    );
    expect(quiet.data.newCount).toBe(2);
    expect((await apply(s, t.region, quiet.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect(await profile()).toMatchObject({ verified: true, missingParties: [] });
    expect((await entry(3)).computedExplanation).toContain("= 5 %");

    // Factor 1 drops to «низкая»: confirmations cleared, the choice kept, the parties asked again.
    const loud = await preview(
      s,
      t.region,
      { kind: "SURVEY", year: YEAR },
      "анкеты.csv",
      enc([
        [inn.w, "", "учителя", "УЧ-31", "0"],
        [inn.w, "", "руководители", "РУК-11", "0"],
        [inn.w, "", "руководители", "РУК-12", "0"],
      ]),
    );
    expect(loud.data).toMatchObject({ changedCount: 3 });
    expect(loud.data.rows[0].changes).toEqual({ value: [0.9, 0] });
    expect((await apply(s, t.region, loud.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    const after = await profile();
    expect(after).toMatchObject({ verified: false, missingParties: ["SCHOOL", "CURATOR", "MUNICIPALITY"] });
    expect(after.entries.find((e: any) => e.riskFactor.number === 1)).toMatchObject({ significance: "LOW", chosen: true });
    const asked = await s.db.notification.findMany({ where: { kind: "PROFILE_RECOMPUTED", title: { contains: "высокая → низкая" } } });
    expect(asked.map((n) => n.recipientId).sort()).toEqual([w.users.school.id, w.users.curator.id, w.users.municipal.id].sort());
  });

  it("a manual correction is kept by a re-import; the computed level is shown beside it", async () => {
    const FIX = `mutation($i: UpdateRiskSignificanceInput!) { updateRiskSignificance(input: $i) { __typename ... on Error { message } } }`;
    const r = await s.gql(
      FIX,
      {
        i: {
          participationId: gid("Participation", w.participationId),
          riskFactorId: gid("RiskFactor", factor.get(3)!),
          significance: "HIGH",
          explanation: "Куратор видел уроки",
          reason: "Посещение уроков",
        },
      },
      { token: t.curator },
    );
    expect(r.data.updateRiskSignificance.__typename, JSON.stringify(r)).toBe("MutationUpdateRiskSignificanceSuccess");
    const p = await preview(
      s,
      t.region,
      { kind: "SURVEY", year: YEAR },
      "анкеты.csv",
      enc([
        [inn.w, "", "учителя", "УЧ-14", "0,3"],
        [inn.w, "", "учителя", "УЧ-15", "0,3"],
        [inn.w, "", "учителя", "УЧ-16", "0,3"],
      ]),
    );
    expect((await apply(s, t.region, p.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect(await entry(3)).toMatchObject({ significance: "HIGH", explanation: "Куратор видел уроки", corrected: true, computedSignificance: "MEDIUM" });
  });
});

describe("significance rules", () => {
  const CREATE = `mutation($i: SignificanceRuleInput!) { createSignificanceRule(input: $i) { __typename ... on Error { code message }
    ... on MutationCreateSignificanceRuleSuccess { data { id indicatorTitle combination highFrom mediumFrom questions { code group } } } } }`;
  const UPDATE = `mutation($id: ID!, $i: SignificanceRuleInput!) { updateSignificanceRule(id: $id, input: $i) { __typename ... on Error { code message } } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    riskFactorId: gid("RiskFactor", factor.get(9)!),
    indicatorTitle: "Доля родителей, не знающих классного руководителя",
    questionCodes: ["род 40", "УЧ-41"],
    combination: "MAX",
    highFrom: 0.5,
    mediumFrom: 0.25,
    ...over,
  });

  it("validates thresholds, question codes, list sizes and the factor", async () => {
    const bad = async (over: Record<string, unknown>) => {
      const r = await s.gql(CREATE, { i: input(over) }, { token: t.federal });
      return r.data?.createSignificanceRule?.message ?? r.errors?.[0]?.message;
    };
    expect(await bad({ highFrom: 0.2, mediumFrom: 0.4 })).toContain("Порог высокой значимости не может быть ниже порога средней");
    expect(await bad({ highFrom: 1.2 })).toContain("Порог высокой значимости: не больше 1 (100 %)");
    expect(await bad({ questionCodes: [] })).toContain("Укажите хотя бы один вопрос анкеты");
    expect(await bad({ questionCodes: Array.from({ length: 21 }, (_, i) => `УЧ-${i}`) })).toContain("Не больше 20 вопросов в правиле");
    expect(await bad({ questionCodes: ["ВАХ-1"] })).toBe("Код вопроса «ВАХ-1» не похож на код анкеты: РУК-11, УЧ-31, ОБУЧ-09 или РОД-06");
    expect(await bad({ questionCodes: ["УЧ-1", "уч 1"] })).toBe("Вопрос УЧ-1 указан в правиле дважды");
    expect(await bad({ riskFactorId: gid("RiskFactor", "00000000-0000-4000-8000-000000000000") })).toBe("Фактор риска не найден");
    expect(await bad({ indicatorTitle: "А" })).toContain("не короче 3 символов");
    expect(await s.db.significanceRule.count({ where: { indicatorTitle: input().indicatorTitle } })).toBe(0);
  });

  it("the federal coordinator adds a rule (codes in normal form); a regional coordinator may only read", async () => {
    const denied = await s.gql(CREATE, { i: input() }, { token: t.region });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const r = await s.gql(CREATE, { i: input() }, { token: t.federal });
    expect(r.data.createSignificanceRule.data).toMatchObject({
      combination: "MAX",
      highFrom: 0.5,
      mediumFrom: 0.25,
      questions: [
        { code: "РОД-40", group: "PARENTS" },
        { code: "УЧ-41", group: "TEACHERS" },
      ],
    });
    const read = await s.gql(`{ significanceRules(year: ${YEAR}) { indicatorTitle } significanceRuleHistory(year: ${YEAR}) { action actorName after } }`, {}, { token: t.school });
    expect(read.data.significanceRules.map((x: any) => x.indicatorTitle)).toContain(input().indicatorTitle);
    expect(read.data.significanceRuleHistory.at(-1)).toMatchObject({ action: "significanceRule.create", after: { factor: 9, questionCodes: ["РОД-40", "УЧ-41"] } });
  });

  it("changing a rule's thresholds changes a computed level on the profile at once", async () => {
    // Factor 3 is corrected by hand; factor 8's indicator reads ОБУЧ-14, ОБУЧ-15, РОД-06.
    const p = await preview(s, t.region, { kind: "SURVEY", year: YEAR }, "анкеты.csv", enc([[inn.w, "", "обучающиеся", "ОБУЧ-14", "0,2"]]));
    expect((await apply(s, t.region, p.data.id)).typename).toBe("MutationApplyRegistryImportSuccess");
    expect((await entry(8)).significance).toBe("MEDIUM");
    const rule = await s.db.significanceRule.findFirstOrThrow({ where: { programmeYear: { year: YEAR }, questionCodes: { has: "ОБУЧ-14" } } });
    const r = await s.gql(
      UPDATE,
      {
        id: rule.id,
        i: { riskFactorId: gid("RiskFactor", rule.riskFactorId), indicatorTitle: rule.indicatorTitle, questionCodes: rule.questionCodes, combination: "MEAN", highFrom: 0.2, mediumFrom: 0.1 },
      },
      { token: t.federal },
    );
    expect(r.data.updateSignificanceRule.__typename, JSON.stringify(r)).toBe("MutationUpdateSignificanceRuleSuccess");
    const e8 = await entry(8);
    expect(e8.significance).toBe("HIGH");
    expect(e8.explanation).toContain("пороги: высокая — от 20 %, средняя — от 10 % → высокая");
    const h = await s.gql(`{ significanceRuleHistory(year: ${YEAR}) { action before after } }`, {}, { token: t.region });
    expect(h.data.significanceRuleHistory.at(-1)).toMatchObject({ action: "significanceRule.update", before: { highFrom: 0.3 }, after: { highFrom: 0.2 } });
  });
});

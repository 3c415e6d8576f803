// Events end to end over real HTTP: a regional coordinator invites «все кураторы и школы» of a
// municipality (times in the region's zone), the invited see it and are notified, attendance is marked by
// hand and imported from a platform's CSV (matched by e-mail, unmatched rows listed), figures per
// territory; who may do what; and the region-scoring criterion on webinar attendance computed from these rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../testkit/people.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { uploadGql } from "../roadmap/helpers.ts";

let s: TestServer;
let w: World;
let far: World;
let t: Record<"school" | "curator" | "municipal" | "regional" | "farRegional" | "farSchool" | "federal" | "observer", string>;
let regional: { id: string; email: string };

const E = `id title kind kindLabel startsAt startsLocal timeZone invitedCount attendedCount viewerInvited viewerAttended viewerCanManage audience { label }`;
const CREATE = `mutation($i: CreateEventInput!) { createEvent(input: $i) { __typename ... on DomainError { code message } ... on MutationCreateEventSuccess { data { ${E} } } } }`;
const MARK = `mutation($e: ID!, $m: [AttendanceMarkInput!]!) { markAttendance(eventId: $e, marks: $m) { __typename ... on DomainError { code message } ... on MutationMarkAttendanceSuccess { data { attendedCount } } } }`;
const IMPORT = `mutation($e: ID!, $f: File!, $a: Boolean!) { importAttendance(eventId: $e, file: $f, apply: $a) { __typename ... on DomainError { code message }
  ... on MutationImportAttendanceSuccess { data { applied newlyAttended matched { rowNumber email fullName } unmatched { rowNumber email problem } } } } }`;

const create = (token: string, input: Record<string, unknown>) => s.gql(CREATE, { i: input }, { token });
const created = (r: any) => {
  const d = r.data?.createEvent?.data;
  if (!d) throw new Error(`createEvent failed: ${JSON.stringify(r)}`);
  return d;
};
const importCsv = (token: string, eventId: string, csv: string, apply: boolean) =>
  uploadGql(s, token, IMPORT, { e: eventId, f: null, a: apply }, "f", { name: "zoom-participants.csv", bytes: new TextEncoder().encode(csv) });

beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  far = await seedWorld(s.db, { regionCode: 62 });
  regional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
  const farRegional = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: far.regionId });
  const observer = await addUser(s.db, "OBSERVER", { regionId: w.regionId });
  // The curator works at the test school (its organisation), which places it in the municipality.
  await s.db.user.update({ where: { id: w.users.curator.id }, data: { organisationId: w.schoolId } });
  t = {
    school: await s.signIn(w.users.school.email, TEST_PASSWORD),
    curator: await s.signIn(w.users.curator.email, TEST_PASSWORD),
    municipal: await s.signIn(w.users.municipal.email, TEST_PASSWORD),
    regional: await s.signIn(regional.email, TEST_PASSWORD),
    farRegional: await s.signIn(farRegional.email, TEST_PASSWORD),
    farSchool: await s.signIn(far.users.school.email, TEST_PASSWORD),
    observer: await s.signIn(observer.email, TEST_PASSWORD),
    federal: await s.signIn("fioco@demo.medk.ru"),
  };
}, 60_000);

afterAll(() => s.stop());

const audienceHere = () => [
  { role: "CURATOR", municipalityId: gid("Municipality", w.municipalityId) },
  { role: "SCHOOL", municipalityId: gid("Municipality", w.municipalityId) },
];

describe("events", () => {
  it("a regional coordinator invites the municipality's curators and schools at local time; the invited see it and are notified", async () => {
    const e = created(
      await create(t.regional, {
        kind: "WEBINAR",
        title: "Установочный вебинар для кураторов",
        startsAt: "2026-12-10T10:00",
        regionId: gid("Region", w.regionId),
        url: "https://webinar.example/room",
        audience: audienceHere(),
      }),
    );
    // Забайкальский край is UTC+9: 10:00 local is 01:00 UTC.
    expect([e.startsAt, e.startsLocal, e.timeZone, e.invitedCount, e.attendedCount, e.kindLabel]).toEqual(["2026-12-10T01:00:00.000Z", "2026-12-10T10:00", "Asia/Chita", 2, 0, "вебинар"]);
    expect(e.audience.map((a: any) => a.label).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^кураторы — /), expect.stringMatching(/^школы — /)]));
    expect(e.viewerCanManage).toBe(true);

    const note = await s.db.notification.findFirst({ where: { recipientId: w.users.school.id, kind: "EVENT_INVITED" }, orderBy: { id: "desc" } });
    expect(note?.title).toBe("Приглашение: вебинар «Установочный вебинар для кураторов», 10 декабря в 10:00 (Asia/Chita)");
    expect(await s.db.auditEvent.count({ where: { entityType: "Event", action: "event.created" } })).toBeGreaterThan(0);

    const list = async (token: string) =>
      (await s.gql(`{ events(first: 50, filter: { when: ALL }) { edges { node { id viewerInvited viewerCanManage } } } }`, {}, { token })).data.events.edges.map((x: any) => x.node);
    for (const k of ["school", "curator", "regional", "observer", "federal"] as const)
      expect(
        (await list(t[k])).some((n: any) => n.id === e.id),
        k,
      ).toBe(true);
    expect((await list(t.school)).find((n: any) => n.id === e.id)).toEqual({ id: e.id, viewerInvited: true, viewerCanManage: false });
    // the municipal coordinator was not invited; the far region sees nothing
    for (const k of ["municipal", "farRegional", "farSchool"] as const)
      expect(
        (await list(t[k])).some((n: any) => n.id === e.id),
        k,
      ).toBe(false);
    const direct = await s.gql(`query($id: ID!) { event(id: $id) { id } }`, { id: e.id }, { token: t.farSchool });
    expect(direct.data.event).toBeNull();
    // the attendance list is the coordinators'
    const attendanceOf = await s.gql(`query($id: ID!) { event(id: $id) { attendance { email } } }`, { id: e.id }, { token: t.school });
    expect(attendanceOf.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("only the coordinator of the event's region or the federal level creates and marks; audiences stay inside the region", async () => {
    const input = { kind: "SEMINAR", title: "Семинар", startsAt: "2026-12-11T15:00", regionId: gid("Region", w.regionId), audience: audienceHere() };
    expect((await create(t.farRegional, input)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await create(t.school, input)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await create(t.observer, input)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const outside = await create(t.regional, { ...input, audience: [{ role: "SCHOOL", municipalityId: gid("Municipality", far.municipalityId) }] });
    expect(outside.data.createEvent.code).toBe("AUDIENCE_OUTSIDE_REGION");
    const bad = await create(t.regional, { ...input, startsAt: "2026-02-30T10:00" });
    expect(bad.errors?.[0]?.message ?? bad.data?.createEvent?.message).toContain("Такой даты нет в календаре");
    const empty = await create(t.regional, { ...input, audience: [{ role: "OBSERVER", municipalityId: gid("Municipality", w.municipalityId) }] });
    expect(empty.data.createEvent.code).toBe("AUDIENCE_EMPTY");
    const fed = created(await create(t.federal, { ...input, kind: "CONFERENCE", title: "Совещание ФИОКО", regionId: null }));
    expect([fed.timeZone, fed.startsLocal, fed.invitedCount]).toEqual(["Europe/Moscow", "2026-12-11T15:00", 2]);

    const e = created(await create(t.regional, input));
    const marks = [{ userId: gid("User", w.users.school.id), attended: true }];
    // a far coordinator does not even see the event; an invited school sees it but may not mark
    expect((await s.gql(MARK, { e: e.id, m: marks }, { token: t.farRegional })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await s.gql(MARK, { e: e.id, m: marks }, { token: t.school })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const notInvited = await s.gql(MARK, { e: e.id, m: [{ userId: gid("User", w.users.municipal.id), attended: true }] }, { token: t.regional });
    expect(notInvited.data.markAttendance.code).toBe("NOT_INVITED");
    const ok = await s.gql(MARK, { e: e.id, m: marks }, { token: t.regional });
    expect(ok.data.markAttendance.data.attendedCount).toBe(1);
    const row = await s.db.attendance.findFirstOrThrow({ where: { userId: w.users.school.id, event: { title: "Семинар", regionId: w.regionId } }, orderBy: { markedAt: "desc" } });
    expect([row.attended, row.source, row.markedById]).toEqual([true, "MANUAL", regional.id]);
  });

  it("imports a platform's CSV: previews matched and unmatched rows, then marks the matched; figures per municipality", async () => {
    const e = created(
      await create(t.regional, { kind: "WEBINAR", title: "Вебинар: антирисковые программы", startsAt: "2026-12-12T11:00", regionId: gid("Region", w.regionId), audience: audienceHere() }),
    );
    const csv = ["Имя;Email;Длительность (мин)", `Школа;${w.users.school.email.toUpperCase()};55`, "Гость;guest@example.org;12", `Коорд;${w.users.municipal.email};40`, "Без почты;;3"].join("\n");
    const preview = await importCsv(t.regional, e.id, csv, false);
    const p = preview.data.importAttendance.data;
    expect(p.applied).toBe(false);
    expect(p.matched).toEqual([{ rowNumber: 2, email: w.users.school.email, fullName: expect.any(String) }]);
    expect(p.unmatched).toEqual([
      { rowNumber: 3, email: "guest@example.org", problem: "нет пользователя с такой почтой" },
      { rowNumber: 4, email: w.users.municipal.email, problem: "не приглашён на мероприятие" },
      { rowNumber: 5, email: "", problem: "адрес почты не указан" },
    ]);
    expect(await s.db.attendance.count({ where: { event: { title: "Вебинар: антирисковые программы" }, attended: true } })).toBe(0);

    expect((await importCsv(t.school, e.id, csv, true)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const applied = (await importCsv(t.regional, e.id, csv, true)).data.importAttendance.data;
    expect([applied.applied, applied.newlyAttended, applied.unmatched.length]).toEqual([true, 1, 3]);
    const noEmail = await importCsv(t.regional, e.id, "Имя;Минуты\nИван;5", false);
    expect(noEmail.data.importAttendance.code).toBe("NO_EMAIL_COLUMN");

    const fig = await s.gql(
      `query($id: ID!) { event(id: $id) { invitedCount attendedCount byTerritory { name invited attended } attendance { email attended source } } }`,
      { id: e.id },
      { token: t.regional },
    );
    const ev = fig.data.event;
    expect([ev.invitedCount, ev.attendedCount]).toEqual([2, 1]);
    const muni = await s.db.municipality.findUniqueOrThrow({ where: { id: w.municipalityId } });
    expect(ev.byTerritory).toEqual([{ name: muni.name, invited: 2, attended: 1 }]);
    expect(ev.attendance.find((a: any) => a.email === w.users.school.email)).toEqual({ email: w.users.school.email, attended: true, source: "IMPORT" });
    const audit = await s.db.auditEvent.findFirstOrThrow({ where: { action: "event.attendance.imported", entityId: Buffer.from(e.id, "base64").toString().split(":")[1] } });
    expect((audit.after as any).unmatched).toHaveLength(3);
  });
});

describe("the region-scoring criterion on webinar attendance", () => {
  const YEAR = 2022;
  afterAll(async () => {
    const y = await s.db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } } });
    await s.db.scoringCriterion.deleteMany({ where: { programmeYearId: y.id, code: "WEBINARS_EVENT_TEST" } });
  });

  it("counts the attendance recorded through events: invited people of the region and how many attended", async () => {
    // Хабаровский край (27, UTC+10) in 2022: a world of its own with a school and a curator.
    const hw = await seedWorld(s.db, { regionCode: 27, year: YEAR });
    await s.db.user.update({ where: { id: hw.users.curator.id }, data: { organisationId: hw.schoolId } });
    const coord = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: hw.regionId });
    const token = await s.signIn(coord.email, TEST_PASSWORD);
    const audience = [
      { role: "CURATOR", municipalityId: gid("Municipality", hw.municipalityId) },
      { role: "SCHOOL", municipalityId: gid("Municipality", hw.municipalityId) },
      { role: "MUNICIPAL_COORDINATOR", municipalityId: gid("Municipality", hw.municipalityId) },
    ];
    const e = created(await create(token, { kind: "WEBINAR", title: "Вебинар 2022", startsAt: "2022-03-15T10:00", regionId: gid("Region", hw.regionId), audience }));
    expect(e.invitedCount).toBe(3);
    const csv = `email\n${hw.users.school.email}\n${hw.users.curator.email}\n`;
    expect((await importCsv(token, e.id, csv, true)).data.importAttendance.data.newlyAttended).toBe(2);

    const crit = await s.gql(
      `mutation($i: UpsertScoringCriterionInput!) { upsertScoringCriterion(input: $i) { __typename ... on DomainError { code message } } }`,
      { i: { year: YEAR, code: "WEBINARS_EVENT_TEST", title: "Участие в вебинарах не ниже 60 %", metric: "SHARE_WEBINAR_ATTENDANCE", threshold: 0.6, points: 1 } },
      { token: t.federal },
    );
    expect(crit.data.upsertScoringCriterion.__typename).toBe("MutationUpsertScoringCriterionSuccess");
    const score = async () =>
      (
        await s.gql(`query { regionScores(years: [${YEAR}], regionCodes: [27]) { edges { node { criteria { code value met points explanation } } } } }`, {}, { token: t.federal })
      ).data.regionScores.edges[0].node.criteria.find((c: any) => c.code === "WEBINARS_EVENT_TEST");
    // 2 of 3 attended: 66.7 % ≥ 60 % — met
    expect(await score()).toMatchObject({ value: 0.6667, met: true, points: 1 });
    // unmarking one by hand drops it to a third
    await s.gql(MARK, { e: e.id, m: [{ userId: gid("User", hw.users.curator.id), attended: false }] }, { token });
    expect(await score()).toMatchObject({ value: 0.3333, met: false, points: 0 });
  });
});

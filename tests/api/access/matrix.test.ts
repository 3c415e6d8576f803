// The access matrix: every demo role × every root query, mutation and subscription of the schema, on its
// own scope and a neighbour's. The operation list is read from the schema, so a new operation without an
// entry here fails the suite. What a role may see is stated from database facts (the region, municipality
// and school of each probe), never from the API under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isObjectType } from "graphql";
import { schema } from "../../../api/src/schema.ts";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

const ROLES = [
  "anonymous",
  "fioco@demo.medk.ru",
  "region75@demo.medk.ru",
  "region62@demo.medk.ru",
  "baley@demo.medk.ru",
  "curator1@demo.medk.ru",
  "curator2@demo.medk.ru",
  "school.undino@demo.medk.ru",
  "school.zhidka@demo.medk.ru",
  "observer@demo.medk.ru",
] as const;
type RoleKey = (typeof ROLES)[number];

interface SchoolFact { id: string; municipalityId: string; regionId: string }
interface Reach { all: boolean; regionId?: string; municipalityId?: string; schoolIds: Set<string>; participationIds: Set<string>; writes: boolean }

let s: TestServer;
const tokens = new Map<RoleKey, string | undefined>();
const reach = new Map<RoleKey, Reach>();
const userIds = new Map<string, string>();
let schools: Record<"undino" | "zhidka" | "other75" | "r62", SchoolFact>;
let participations: Record<"undino" | "zhidka" | "other75" | "r62", { id: string; schoolId: string }>;
let regions: { r75: string; r62: string };
let victims: { undino: string; r62: string };

const as = (role: RoleKey) => ({ token: tokens.get(role) });

// Fact-based expectations, written out per role rather than derived from the code under test.
function seesSchool(role: RoleKey, sc: SchoolFact) {
  const r = reach.get(role)!;
  return r.all || r.regionId === sc.regionId || r.municipalityId === sc.municipalityId || r.schoolIds.has(sc.id);
}
function seesParticipation(role: RoleKey, p: { id: string; schoolId: string }, sc: SchoolFact) {
  const r = reach.get(role)!;
  if (role.startsWith("curator")) return r.participationIds.has(p.id);
  return role !== "anonymous" && seesSchool(role, sc);
}

beforeAll(async () => {
  s = await startServer();
  const facts = async (where: object) => {
    const x = await s.db.school.findFirstOrThrow({ where, select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } } });
    return { id: x.id, municipalityId: x.municipalityId, regionId: x.municipality.regionId };
  };
  const roleOf = async (email: string) => (await s.db.user.findUniqueOrThrow({ where: { email }, include: { roles: true } })).roles[0]!;
  const undinoId = (await roleOf("school.undino@demo.medk.ru")).schoolId!;
  const zhidkaId = (await roleOf("school.zhidka@demo.medk.ru")).schoolId!;
  const shilka = (await roleOf("shilka@demo.medk.ru")).municipalityId!;
  const kasimov = (await roleOf("kasimov@demo.medk.ru")).municipalityId!;
  const year = await s.db.programmeYear.findUniqueOrThrow({ where: { year: 2026 } });
  const inYear = { participations: { some: { programmeYearId: year.id } } };
  schools = {
    undino: await facts({ id: undinoId }),
    zhidka: await facts({ id: zhidkaId }),
    other75: await facts({ municipalityId: shilka, ...inYear }),
    r62: await facts({ municipalityId: kasimov, ...inYear }),
  };
  const part = async (schoolId: string) =>
    s.db.participation.findUniqueOrThrow({ where: { schoolId_programmeYearId: { schoolId, programmeYearId: year.id } }, select: { id: true, schoolId: true } });
  participations = {
    undino: await part(schools.undino.id),
    zhidka: await part(schools.zhidka.id),
    other75: await part(schools.other75.id),
    r62: await part(schools.r62.id),
  };
  regions = { r75: schools.undino.regionId, r62: schools.r62.regionId };
  for (const role of ROLES) {
    tokens.set(role, role === "anonymous" ? undefined : await s.signIn(role));
    if (role === "anonymous") {
      reach.set(role, { all: false, schoolIds: new Set(), participationIds: new Set(), writes: false });
      continue;
    }
    const u = await s.db.user.findUniqueOrThrow({ where: { email: role }, include: { roles: true, curatorships: { include: { participation: true } } } });
    userIds.set(role, u.id);
    const r = u.roles[0]!;
    reach.set(role, {
      all: r.role === "FEDERAL_COORDINATOR",
      regionId: r.regionId ?? undefined,
      municipalityId: r.municipalityId ?? undefined,
      schoolIds: new Set([...(r.schoolId ? [r.schoolId] : []), ...u.curatorships.map((c) => c.participation.schoolId)]),
      participationIds: new Set(u.curatorships.map((c) => c.participationId)),
      writes: r.role !== "OBSERVER",
    });
  }
  // Accounts that mutations may safely act on (other tests use the demo accounts).
  const victim = async (schoolId: string) =>
    (await s.db.user.create({ data: { email: `victim.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`, fullName: "Жертва Матрицы", roles: { create: { role: "SCHOOL", schoolId } } } })).id;
  victims = { undino: await victim(schools.undino.id), r62: await victim(schools.r62.id) };
}, 120_000);

afterAll(() => s.stop());

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const denied = (role: RoleKey) => (role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");

type Check = (role: RoleKey) => Promise<void>;

/** A signed-in-only query: anonymous gets UNAUTHENTICATED, everyone else an answer. */
const signedInOnly = (query: string, verify?: (data: any, role: RoleKey) => void): Check => async (role) => {
  const r = await s.gql(query, {}, as(role));
  if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  verify?.(r.data, role);
};

const SCHOOL_KEYS = ["undino", "zhidka", "other75", "r62"] as const;

/** A report by region: rows only of the regions the role's scope lies in; asking for the other region gives none. */
const reportRegions = (field: string): Check => async (role) => {
  const q = `query($c: [Int!]) { ${field}(filter: { year: 2026, regionCodes: $c }, groupBy: REGION) { edges { node { region { code } } } } }`;
  const r = await s.gql(q, {}, as(role));
  if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
  const codes = [...new Set(r.data[field].edges.map((e: any) => e.node.region.code))];
  if (reach.get(role)!.all) return expect(codes).toEqual(expect.arrayContaining([62, 75]));
  const mine = role === "region62@demo.medk.ru" ? 62 : 75;
  expect(codes).toEqual([mine]);
  const other = await s.gql(q, { c: [mine === 62 ? 75 : 62] }, as(role));
  expect(other.data[field].edges).toEqual([]);
};

/** A drill-down list: every row's school lies in the role's reach (facts from the database). */
const reportSchools = (field: string): Check => async (role) => {
  const r = await s.gql(`{ ${field}(filter: { year: 2026 }, first: 500) { edges { node { school { id } } } } }`, {}, as(role));
  if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
  const ids = [...new Set(r.data[field].edges.map((e: any) => Buffer.from(e.node.school.id, "base64").toString().split(":")[1]))] as string[];
  const rows = await s.db.school.findMany({ where: { id: { in: ids } }, select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } } });
  expect(rows).toHaveLength(ids.length);
  for (const x of rows) expect(seesSchool(role, { id: x.id, municipalityId: x.municipalityId, regionId: x.municipality.regionId }), `${role} gets ${x.id}`).toBe(true);
  if (role === "school.undino@demo.medk.ru") expect(ids).toEqual([schools.undino.id]);
};

/** A mutation of the federal scoring: the federal coordinator succeeds, everyone else is refused. */
const federalOnly = (mutation: string, success: string): Check => async (role) => {
  const r = await s.gql(mutation, {}, as(role));
  const field = Object.keys(r.data ?? {})[0];
  if (reach.get(role)!.all) expect(field && r.data[field].__typename, JSON.stringify(r.errors)).toBe(success);
  else expect(codeOf(r)).toBe(denied(role));
};

const MATRIX: Record<string, Check> = {
  // ---------- queries ----------
  viewer: async (role) => {
    const r = await s.gql("{ viewer { email } }", {}, as(role));
    expect(r.data.viewer?.email ?? null).toBe(role === "anonymous" ? null : role);
  },
  regions: signedInOnly("{ regions(first: 500) { edges { node { id code } } } }", (d, role) => {
    const codes = d.regions.edges.map((e: any) => e.node.code);
    const r = reach.get(role)!;
    if (r.all) return expect(codes).toEqual(expect.arrayContaining([62, 75]));
    // Everyone else sees only regions their own scope lies in.
    const mine = role === "region62@demo.medk.ru" ? 62 : 75;
    expect(codes).toEqual([mine]);
  }),
  region: async (role) => {
    for (const [code, id] of [[75, regions.r75], [62, regions.r62]] as const) {
      const r = await s.gql("query($id: ID){ region(id: $id) { code } }", { id: gid("Region", id) }, as(role));
      if (role === "anonymous") { expect(codeOf(r)).toBe("UNAUTHENTICATED"); continue; }
      const visible = reach.get(role)!.all || (code === 62) === (role === "region62@demo.medk.ru");
      expect(r.data?.region?.code ?? null).toBe(visible ? code : null);
    }
  },
  municipalities: signedInOnly("{ municipalities(first: 500) { edges { node { id region { code } } } } }", (d, role) => {
    const codes = new Set(d.municipalities.edges.map((e: any) => e.node.region.code));
    if (reach.get(role)!.all) return expect([...codes]).toEqual(expect.arrayContaining([62, 75]));
    expect([...codes]).toEqual([role === "region62@demo.medk.ru" ? 62 : 75]);
    if (!role.startsWith("region") && role !== "observer@demo.medk.ru") expect(d.municipalities.edges).toHaveLength(1);
  }),
  schools: async (role) => {
    const r = await s.gql("{ schools(first: 500) { edges { node { id } } } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const got = new Set(r.data.schools.edges.map((e: any) => e.node.id));
    for (const k of SCHOOL_KEYS) expect(got.has(gid("School", schools[k].id)), `${role} sees ${k}`).toBe(seesSchool(role, schools[k]));
    // Zero leaks: every returned school lies inside the role's reach.
    const rows = await s.db.school.findMany({
      where: { id: { in: [...got].map((g) => Buffer.from(g as string, "base64").toString().split(":")[1]!) } },
      select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } },
    });
    for (const x of rows) expect(seesSchool(role, { id: x.id, municipalityId: x.municipalityId, regionId: x.municipality.regionId })).toBe(true);
    // Asking for another region's schools returns none of them.
    const other = role === "region62@demo.medk.ru" ? regions.r75 : regions.r62;
    const f = await s.gql("query($r: ID){ schools(first: 500, filter: { regionId: $r }) { totalCount } }", { r: gid("Region", other) }, as(role));
    if (!reach.get(role)!.all) expect(f.data.schools.totalCount).toBe(0);
  },
  node: async (role) => {
    for (const k of SCHOOL_KEYS) {
      const sc = schools[k];
      const probes: [string, string, boolean][] = [
        ["School", sc.id, seesSchool(role, sc)],
        ["Participation", participations[k].id, seesParticipation(role, participations[k], sc)],
      ];
      for (const [type, id, visible] of probes) {
        const r = await s.gql("query($id: ID!){ node(id: $id) { id } }", { id: gid(type, id) }, as(role));
        if (role === "anonymous") { expect(codeOf(r)).toBe("UNAUTHENTICATED"); continue; }
        if (visible) expect(r.data.node?.id, `${role} node ${type} ${k}`).toBe(gid(type, id));
        else {
          expect(r.data?.node ?? null, `${role} must not get ${type} ${k}`).toBeNull();
          expect(codeOf(r)).toBe("FORBIDDEN");
        }
      }
    }
    // Users of another region are invisible to territorial roles below federal.
    const r = await s.gql("query($id: ID!){ node(id: $id) { id } }", { id: gid("User", victims.r62) }, as(role));
    const visible = reach.get(role)!.all || role === "region62@demo.medk.ru";
    if (role !== "anonymous") expect(!!r.data?.node).toBe(visible);
  },
  nodes: async (role) => {
    const r = await s.gql("query($ids: [ID!]!){ nodes(ids: $ids) { id } }", { ids: [gid("School", schools.undino.id), gid("School", schools.r62.id)] }, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const got = (r.data?.nodes ?? []).map((n: any) => n?.id ?? null);
    expect(got[0] ?? null).toBe(seesSchool(role, schools.undino) ? gid("School", schools.undino.id) : null);
    expect(got[1] ?? null).toBe(seesSchool(role, schools.r62) ? gid("School", schools.r62.id) : null);
  },
  programmeYears: signedInOnly("{ programmeYears { year } }", (d) => expect(d.programmeYears.length).toBeGreaterThanOrEqual(4)),
  riskFactors: signedInOnly("{ riskFactors { number } }", (d) => expect(d.riskFactors).toHaveLength(10)),
  notifications: async (role) => {
    if (role === "anonymous") return expect(codeOf(await s.gql("{ notifications(first: 5) { totalCount } }"))).toBe("UNAUTHENTICATED");
    const title = `Матрица ${role}`;
    await s.db.notification.create({ data: { recipientId: userIds.get(role)!, kind: "DEADLINE_SOON", title } });
    const r = await s.gql("{ notifications(first: 500) { edges { node { title } } } }", {}, as(role));
    const titles: string[] = r.data.notifications.edges.map((e: any) => e.node.title);
    expect(titles).toContain(title);
    expect(titles.filter((t) => t.startsWith("Матрица ") && t !== title)).toEqual([]);
    // Someone else's notification by id: refused.
    const foreign = await s.db.notification.findFirstOrThrow({ where: { title: { startsWith: "Матрица " }, NOT: { recipientId: userIds.get(role)! } } }).catch(() => null);
    if (foreign) {
      const n = await s.gql("query($id: ID!){ node(id: $id) { id } }", { id: gid("Notification", foreign.id) }, as(role));
      expect(n.data?.node ?? null).toBeNull();
    }
  },
  unreadNotificationsCount: signedInOnly("{ unreadNotificationsCount }", (d) => expect(d.unreadNotificationsCount).toBeGreaterThanOrEqual(0)),
  users: async (role) => {
    const r = await s.gql("{ users(first: 500) { edges { node { id email } } } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const emails = new Set(r.data.users.edges.map((e: any) => e.node.email));
    expect(emails.has(role)).toBe(true);
    const r62Visible = reach.get(role)!.all || role === "region62@demo.medk.ru";
    expect(emails.has("region62@demo.medk.ru") || emails.has("kasimov@demo.medk.ru")).toBe(r62Visible);
    const ids = new Set(r.data.users.edges.map((e: any) => e.node.id));
    expect(ids.has(gid("User", victims.r62))).toBe(r62Visible);
  },

  // ---------- mutations ----------
  signIn: async (role) => {
    if (role === "anonymous") return;
    const r = await s.gql("mutation($e:String!){ signIn(email:$e,password:\"demo-password\"){ viewer { email } } }", { e: role });
    expect(r.data.signIn.viewer.email).toBe(role);
  },
  signOut: async (role) => {
    if (role === "anonymous") return expect((await s.gql("mutation { signOut }")).data.signOut).toBe(true);
    const token = await s.signIn(role); // a throwaway session, not the matrix one
    expect((await s.gql("mutation { signOut }", {}, { token })).data.signOut).toBe(true);
    expect((await s.gql("{ viewer { email } }", {}, { token })).data.viewer).toBeNull();
  },
  acceptInvitation: async (role) => {
    const r = await s.gql("mutation{ acceptInvitation(token:\"aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb\", password:\"достаточно-длинный\"){ ... on Error { code } } }", {}, as(role));
    expect(r.data?.acceptInvitation?.code, JSON.stringify(r.errors)).toBe("INVITATION_INVALID");
  },
  createUser: async (role) => {
    const attempt = async (input: Record<string, unknown>) => {
      const email = `m.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`;
      return s.gql(
        "mutation($i: CreateUserInput!){ createUser(input: $i){ __typename ... on MutationCreateUserSuccess { data { invitationPath } } ... on Error { code } } }",
        { i: { email, fullName: "Новый Пользователь", ...input } },
        as(role),
      );
    };
    const cases: [Record<string, unknown>, boolean][] = [
      [{ role: "REGIONAL_COORDINATOR", regionId: gid("Region", regions.r62) }, reach.get(role)!.all],
      [{ role: "MUNICIPAL_COORDINATOR", municipalityId: gid("Municipality", schools.undino.municipalityId) }, reach.get(role)!.all || role === "region75@demo.medk.ru"],
      [{ role: "MUNICIPAL_COORDINATOR", municipalityId: gid("Municipality", schools.r62.municipalityId) }, reach.get(role)!.all || role === "region62@demo.medk.ru"],
      [{ role: "SCHOOL", schoolId: gid("School", schools.undino.id) }, reach.get(role)!.all || role === "region75@demo.medk.ru" || role === "baley@demo.medk.ru"],
      [{ role: "SCHOOL", schoolId: gid("School", schools.r62.id) }, reach.get(role)!.all || role === "region62@demo.medk.ru"],
      [{ role: "CURATOR", organisationId: gid("School", schools.zhidka.id) }, reach.get(role)!.all || role === "region75@demo.medk.ru"],
      [{ role: "OBSERVER", regionId: gid("Region", regions.r75) }, reach.get(role)!.all],
    ];
    for (const [input, allowed] of cases) {
      const r = await attempt(input);
      if (allowed) expect(r.data?.createUser?.data?.invitationPath, `${role} creates ${JSON.stringify(input)}`).toMatch(/^\/invite\//);
      else expect(codeOf(r), `${role} must not create ${JSON.stringify(input)}`).toBe(denied(role));
    }
  },
  reissueInvitation: async (role) => {
    for (const [victim, allowed] of [
      [victims.undino, reach.get(role)!.all || ["region75@demo.medk.ru", "baley@demo.medk.ru"].includes(role)],
      [victims.r62, reach.get(role)!.all || role === "region62@demo.medk.ru"],
    ] as const) {
      const r = await s.gql("mutation($u: ID!){ reissueInvitation(userId: $u){ __typename } }", { u: gid("User", victim) }, as(role));
      if (allowed) expect(r.data?.reissueInvitation?.__typename).toBe("MutationReissueInvitationSuccess");
      else expect(codeOf(r)).toBe(denied(role));
    }
  },
  setUserActive: async (role) => {
    for (const [victim, allowed] of [
      [victims.undino, reach.get(role)!.all || ["region75@demo.medk.ru", "baley@demo.medk.ru"].includes(role)],
      [victims.r62, reach.get(role)!.all || role === "region62@demo.medk.ru"],
    ] as const) {
      // active: true keeps the account usable; the decision under test is who may manage it.
      const r = await s.gql("mutation($u: ID!){ setUserActive(userId: $u, active: true){ active } }", { u: gid("User", victim) }, as(role));
      if (allowed) expect(r.data?.setUserActive?.active).toBe(true);
      else expect(codeOf(r)).toBe(denied(role));
    }
  },
  changePassword: async (role) => {
    const r = await s.gql("mutation{ changePassword(currentPassword:\"wrong\", newPassword:\"достаточно-длинный\"){ ... on Error { code } } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.data.changePassword.code).toBe("WRONG_PASSWORD");
  },
  assignCurator: async (role) => {
    for (const [k, allowed] of [
      ["undino", reach.get(role)!.all || role === "region75@demo.medk.ru"],
      ["r62", reach.get(role)!.all || role === "region62@demo.medk.ru"],
    ] as const) {
      // Re-assigning curator1 where it already is (or assigning it in 62) is harmless to other tests.
      const r = await s.gql(
        "mutation($c: ID!, $p: ID!){ assignCurator(curatorId: $c, participationId: $p){ id } }",
        { c: gid("User", userIds.get("curator1@demo.medk.ru")!), p: gid("Participation", participations[k].id) },
        as(role),
      );
      if (allowed) expect(r.data?.assignCurator?.id).toBe(gid("Participation", participations[k].id));
      else expect(codeOf(r)).toBe(denied(role));
    }
  },
  unassignCurator: async (role) => {
    for (const [k, allowed] of [
      ["r62", reach.get(role)!.all || role === "region62@demo.medk.ru"],
    ] as const) {
      const r = await s.gql(
        "mutation($c: ID!, $p: ID!){ unassignCurator(curatorId: $c, participationId: $p){ id } }",
        { c: gid("User", userIds.get("curator1@demo.medk.ru")!), p: gid("Participation", participations[k].id) },
        as(role),
      );
      if (allowed) expect(r.data?.unassignCurator?.id, `${role} unassigns`).toBe(gid("Participation", participations[k].id));
      else expect(codeOf(r)).toBe(denied(role));
    }
  },
  markNotificationsRead: async (role) => {
    const r = await s.gql("mutation{ markNotificationsRead }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.data.markNotificationsRead).toBeGreaterThanOrEqual(0);
  },

  // ---------- reports (the report module's own tests check the figures; here: who gets which rows) ----------
  reportMonitoring: reportRegions("reportMonitoring"),
  reportDocuments: reportRegions("reportDocuments"),
  reportMeasures: reportRegions("reportMeasures"),
  reportRisks: reportRegions("reportRisks"),
  reportDocumentList: reportSchools("reportDocumentList"),
  reportMeasureList: reportSchools("reportMeasureList"),
  regionScores: async (role) => {
    const r = await s.gql("{ regionScores(years: [2026]) { edges { node { region { code } } } } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const codes = r.data.regionScores.edges.map((e: any) => e.node.region.code);
    // A score is a whole region's figure: only for those covering the region.
    if (reach.get(role)!.all) expect(codes).toEqual(expect.arrayContaining([62, 75]));
    else if (role === "region62@demo.medk.ru") expect(codes).toEqual([62]);
    else if (role === "region75@demo.medk.ru" || role === "observer@demo.medk.ru") expect(codes).toEqual([75]);
    else expect(codes).toEqual([]);
  },
  scoringCriteria: signedInOnly("{ scoringCriteria(year: 2026) { code } }", (d) => expect(d.scoringCriteria.length).toBeGreaterThan(0)),
  scoringZones: signedInOnly("{ scoringZones(year: 2026) { color } }", (d) => expect(d.scoringZones.length).toBeGreaterThan(0)),
  reportExportUrl: signedInOnly("{ reportExportUrl(report: DOCUMENTS, format: CSV, filter: { year: 2026 }) }", (d) =>
    expect(d.reportExportUrl).toMatch(/^\/files\/reports\/documents\.csv\?q=/),
  ),
  upsertScoringCriterion: federalOnly(
    `mutation { upsertScoringCriterion(input: { year: 2021, code: "MATRIX_PROBE", title: "Проба матрицы", metric: SHARE_DOCUMENTS_APPROVED, threshold: 0.5, points: 1 }) { __typename } }`,
    "MutationUpsertScoringCriterionSuccess",
  ),
  deleteScoringCriterion: async (role) => {
    const year = await s.db.programmeYear.findUniqueOrThrow({ where: { year: 2021 } });
    const c = await s.db.scoringCriterion.create({ data: { programmeYearId: year.id, code: `MATRIX_${Math.random().toString(36).slice(2, 8).toUpperCase()}`, title: "Проба", metric: "SHARE_DOCUMENTS_APPROVED", threshold: 0.5, points: 1 } });
    const r = await s.gql("mutation($id: ID!){ deleteScoringCriterion(id: $id) { __typename } }", { id: gid("ScoringCriterion", c.id) }, as(role));
    if (reach.get(role)!.all) expect(r.data?.deleteScoringCriterion?.__typename).toBe("MutationDeleteScoringCriterionSuccess");
    else expect(codeOf(r)).toBe(denied(role));
    expect(await s.db.scoringCriterion.count({ where: { id: c.id } })).toBe(reach.get(role)!.all ? 0 : 1);
  },
  setScoringZones: federalOnly(
    "mutation { setScoringZones(year: 2021, zones: [{ color: GREEN, minPoints: 5 }, { color: YELLOW, minPoints: 3 }, { color: RED, minPoints: 0 }]) { __typename } }",
    "MutationSetScoringZonesSuccess",
  ),
  saveRegionScores: federalOnly("mutation { saveRegionScores(year: 2021) { __typename } }", "MutationSaveRegionScoresSuccess"),
};

const SUBSCRIPTIONS: Record<string, true> = { notificationReceived: true };

describe("access matrix", () => {
  it("has an entry for every root operation of the schema", () => {
    const ops = (["Query", "Mutation", "Subscription"] as const).flatMap((t) => {
      const type = schema.getType(t);
      return type && isObjectType(type) ? Object.keys(type.getFields()) : [];
    });
    const missing = ops.filter((op) => !(op in MATRIX) && !(op in SUBSCRIPTIONS));
    expect(missing, "operations without a matrix entry").toEqual([]);
    void getNamedType;
  });

  for (const role of ROLES)
    describe(role, () => {
      for (const [op, check] of Object.entries(MATRIX)) it(op, () => check(role));
    });

  it("notificationReceived: each signed-in role gets exactly its own events; anonymous is closed with 4403", async () => {
    const anon = s.ws();
    await expect(nextEvents(anon, "subscription { notificationReceived { title } }", 1, 3000)).rejects.toMatchObject({ code: 4403 });
    const signed = ROLES.filter((r) => r !== "anonymous");
    const received = new Map<RoleKey, string[]>();
    const disposers = signed.map((role) => {
      received.set(role, []);
      return s.ws(tokens.get(role)).subscribe<{ notificationReceived: { title: string } }>(
        { query: "subscription { notificationReceived { title } }" },
        { next: (v) => received.get(role)!.push(v.data!.notificationReceived.title), error: () => {}, complete: () => {} },
      );
    });
    await new Promise((r) => setTimeout(r, 500));
    const { writeNotifications } = await import("../../../api/src/modules/notification/service.ts");
    const publish = await writeNotifications(s.db, signed.map((role) => ({ recipientId: userIds.get(role)!, kind: "DEADLINE_SOON" as const, title: `live ${role}` })));
    publish(s.app.pubsub);
    await new Promise((r) => setTimeout(r, 800));
    for (const role of signed) expect(received.get(role), role).toEqual([`live ${role}`]);
    disposers.forEach((d) => d());
  });
});

// The practices bank's rows of the access matrix (matrix.test.ts spreads them in). Two practices of the
// demo Ундино school (region 75) owned by this file: one submitted for review, one published. Rules: the
// published bank is everyone's; a submitted practice is seen by the school, its curator and the
// coordinators over it; the school or its curator submits and resubmits; the coordinator of the school's
// region (the federal level anywhere) publishes or returns; copying goes through the roadmap's edit rule.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

type Role = string;
interface RoleFacts {
  all: boolean;
  kind?: string;
  regionId?: string;
  municipalityId?: string;
  schoolIds: Set<string>;
  writes: boolean;
}
export interface PracticeHelpers {
  s: () => TestServer;
  as: (role: Role) => { token: string | undefined };
  who: (role: Role) => RoleFacts;
  userId: (role: Role) => string | undefined;
  mutation: (field: string, params: string, args: string, data?: string) => string;
}
interface School {
  id: string;
  municipalityId: string;
  regionId: string;
}

export function practiceMatrix(h: PracticeHelpers) {
  let school: School;
  let participationId = "";
  let submitted = "";
  let published = "";
  const TITLE = "Матрица доступа: практика";

  async function setup(facts: { undino: School; undinoParticipationId: string }) {
    school = facts.undino;
    participationId = facts.undinoParticipationId;
    const db = h.s().db;
    const author = h.userId("school.undino@demo.medk.ru")!;
    const make = (status: "SUBMITTED" | "PUBLISHED") =>
      db.practice.create({ data: { schoolId: school.id, title: `${TITLE} ${status}`, description: "Матрица доступа", publishedById: author, status, submittedAt: new Date() } });
    submitted = (await make("SUBMITTED")).id;
    published = (await make("PUBLISHED")).id;
  }
  async function teardown() {
    const db = h.s().db;
    const rows = await db.practice.findMany({ where: { title: { startsWith: TITLE } }, select: { id: true } });
    await db.notification.deleteMany({ where: { OR: rows.map((r) => ({ payload: { path: ["practiceId"], equals: gid("Practice", r.id) } })) } });
    await db.measure.deleteMany({ where: { title: { startsWith: TITLE } } });
    await db.practice.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  }
  const sees = (role: Role) => {
    if (role === "anonymous") return false;
    const r = h.who(role);
    return r.all || r.regionId === school.regionId || r.municipalityId === school.municipalityId || r.schoolIds.has(school.id);
  };
  const submits = (role: Role) => role !== "anonymous" && h.who(role).writes && h.who(role).schoolIds.has(school.id);
  const reviews = (role: Role) => {
    if (role === "anonymous") return false;
    const r = h.who(role);
    return r.writes && (r.all || (r.kind === "REGIONAL_COORDINATOR" && r.regionId === school.regionId));
  };
  const coordinator = (role: Role) => ["FEDERAL_COORDINATOR", "REGIONAL_COORDINATOR"].includes(h.who(role).kind ?? "");
  const code = (r: any) => r.errors?.[0]?.extensions?.code;
  const signedIn = (role: Role, r: any) => {
    if (role === "anonymous") {
      expect(code(r)).toBe("UNAUTHENTICATED");
      return false;
    }
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return true;
  };
  const reset = async (status: "SUBMITTED" | "RETURNED") => {
    const db = h.s().db;
    await db.practiceReview.deleteMany({ where: { practiceId: submitted } });
    await db.practice.update({ where: { id: submitted }, data: { status, title: `${TITLE} SUBMITTED` } });
  };
  const status = async () => (await h.s().db.practice.findUniqueOrThrow({ where: { id: submitted } })).status;
  const decide = (field: "publishPractice" | "returnPractice", expected: string) => async (role: Role) => {
    await reset("SUBMITTED");
    const args = field === "returnPractice" ? 'id: $id, comment: "Матрица доступа: доработать"' : "id: $id";
    const r = await h.s().gql(h.mutation(field, "$id: ID!", args, "status"), { id: gid("Practice", submitted) }, h.as(role));
    if (reviews(role)) expect((r.data as any)?.[field]?.data?.status, JSON.stringify(r)).toBe(expected);
    else {
      expect(code(r), `${role} ${field}`).toBe(role === "anonymous" ? "UNAUTHENTICATED" : !coordinator(role) ? "FORBIDDEN" : sees(role) ? "FORBIDDEN" : "NOT_FOUND");
      expect(await status()).toBe("SUBMITTED");
    }
    await reset("SUBMITTED");
  };

  const checks: Record<string, (role: Role) => Promise<void>> = {
    practices: async (role) => {
      const r = await h.s().gql(`{ practices(text: "Матрица доступа практика", first: 50) { total practices { id } } }`, {}, h.as(role));
      if (!signedIn(role, r)) return;
      const got = (r.data as any).practices.practices.map((p: any) => p.id);
      expect(got).toContain(gid("Practice", published));
      expect(got).not.toContain(gid("Practice", submitted));
    },
    practiceSubmissions: async (role) => {
      const r = await h.s().gql(`{ mine: practiceSubmissions(box: MINE) { id } review: practiceSubmissions(box: REVIEW) { id } }`, {}, h.as(role));
      if (!signedIn(role, r)) return;
      const review = (r.data as any).review.map((p: any) => p.id);
      expect(review.includes(gid("Practice", submitted)), `${role} reviews`).toBe(reviews(role));
      const mine = (r.data as any).mine.map((p: any) => p.id);
      expect(mine.includes(gid("Practice", submitted)), `${role} mine`).toBe(submits(role) || h.userId(role) === h.userId("school.undino@demo.medk.ru"));
    },
    practice: async (role) => {
      for (const [id, open] of [
        [submitted, false],
        [published, true],
      ] as const) {
        const r = await h.s().gql(`query($id: ID!) { practice(id: $id) { id } }`, { id: gid("Practice", id) }, h.as(role));
        if (!signedIn(role, r)) return;
        expect((r.data as any).practice?.id ?? null, `${role} reads`).toBe(open || sees(role) ? gid("Practice", id) : null);
      }
    },
    submitPractice: async (role) => {
      const db = h.s().db;
      const before = await db.practice.count();
      const r = await h
        .s()
        .gql(
          h.mutation("submitPractice", "$s: ID!, $i: PracticeInput!", "schoolId: $s, input: $i", "id status"),
          { s: gid("School", school.id), i: { title: `${TITLE} новая`, description: "Матрица доступа" } },
          h.as(role),
        );
      if (submits(role)) {
        const id = (r.data as any)?.submitPractice?.data?.id;
        expect(id, JSON.stringify(r)).toBeTruthy();
        const uuid = Buffer.from(id, "base64").toString().split(":")[1]!;
        await db.notification.deleteMany({ where: { payload: { path: ["practiceId"], equals: id } } });
        await db.auditEvent.deleteMany({ where: { entityId: uuid } });
        await db.practice.delete({ where: { id: uuid } });
      } else {
        expect(code(r), `${role} may not submit`).toBe(role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect(await db.practice.count()).toBe(before);
      }
    },
    resubmitPractice: async (role) => {
      await reset("RETURNED");
      const r = await h
        .s()
        .gql(
          h.mutation("resubmitPractice", "$id: ID!, $i: PracticeInput!", "id: $id, input: $i", "status"),
          { id: gid("Practice", submitted), i: { title: `${TITLE} SUBMITTED`, description: "Исправлено" } },
          h.as(role),
        );
      if (submits(role)) expect((r.data as any)?.resubmitPractice?.data?.status, JSON.stringify(r)).toBe("SUBMITTED");
      else {
        expect(code(r), `${role} may not resubmit`).toBe(role === "anonymous" ? "UNAUTHENTICATED" : sees(role) ? "FORBIDDEN" : "NOT_FOUND");
        expect(await status()).toBe("RETURNED");
      }
      await reset("SUBMITTED");
    },
    publishPractice: decide("publishPractice", "PUBLISHED"),
    returnPractice: decide("returnPractice", "RETURNED"),
    copyPracticeToRoadmap: async (role) => {
      const db = h.s().db;
      await db.practice.update({ where: { id: published }, data: { title: `${TITLE} PUBLISHED` } });
      const r = await h
        .s()
        .gql(
          "mutation($id: ID!, $p: ID!) { copyPracticeToRoadmap(id: $id, participationId: $p) { __typename ... on Error { code message } ... on MutationCopyPracticeToRoadmapSuccess { data } } }",
          { id: gid("Practice", published), p: gid("Participation", participationId) },
          h.as(role),
        );
      if (role === "anonymous") return void expect(code(r)).toBe("UNAUTHENTICATED");
      const copied = (r.data as any)?.copyPracticeToRoadmap?.data;
      // The roadmap's own edit rule decides (canEditRoadmap): the school itself may; far roles may not.
      if (role === "school.undino@demo.medk.ru") expect(copied, JSON.stringify(r)).toBe(1);
      if (["school.zhidka@demo.medk.ru", "region62@demo.medk.ru", "observer@demo.medk.ru", "anonymous"].includes(role)) expect(copied ?? null, role).toBeNull();
      if (copied) await db.measure.deleteMany({ where: { title: `${TITLE} PUBLISHED` } });
      else expect(["FORBIDDEN", "NOT_FOUND"]).toContain(code(r) ?? (r.data as any)?.copyPracticeToRoadmap?.code);
    },
  };
  return { setup, teardown, checks };
}

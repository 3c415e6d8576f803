// The cached reach of a viewer, on two "instances" (two database clients with their own caches): a
// repeated request reuses the reach, and every change a reach is built from — a curator assignment, a role
// assignment, a new school in the territory, a school moved away, a deactivation — is seen by the very
// next request on either instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { viewerFromHeaders } from "../../../api/src/app.ts";
import { createSession } from "../../../api/src/auth/session.ts";
import { seedWorld, type World } from "../../testkit/seed.ts";

let a: DB;
let b: DB;
let w: World;
let other: World;
const tokens: Record<string, string> = {};
const as = (db: DB, who: string) => viewerFromHeaders(db, { authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  a = createPrisma(process.env.DATABASE_URL!, { poolSize: 3 });
  b = createPrisma(process.env.DATABASE_URL!, { poolSize: 3 });
  w = await seedWorld(a, { regionCode: 24 });
  other = await seedWorld(a, { regionCode: 24 });
  const regional = await a.user.create({
    data: { email: `regional.${w.municipalityId.slice(0, 8)}@test.medk.ru`, fullName: "Региональный координатор", roles: { create: { role: "REGIONAL_COORDINATOR", regionId: w.regionId } } },
  });
  for (const [k, id] of Object.entries({ curator: w.users.curator.id, municipal: w.users.municipal.id, regional: regional.id })) tokens[k] = (await createSession(a, id)).token;
});
afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
});

describe("cached reach", () => {
  it("a repeated request on the same instance reuses the reach (the same sets)", async () => {
    // Other test files write schools and assignments meanwhile (a legitimate invalidation): compare two
    // requests between which the access generation did not move.
    const generation = async () => (await a.accessGeneration.findUniqueOrThrow({ where: { id: 1 } })).value;
    for (let attempt = 0; ; attempt++) {
      await as(a, "regional");
      const g0 = await generation();
      const first = await as(a, "regional");
      const second = await as(a, "regional");
      if ((await generation()) !== g0 && attempt < 20) continue;
      expect(second!.read.allSchoolIds).toBe(first!.read.allSchoolIds);
      expect(second!.session.id).toBe(first!.session.id);
      break;
    }
  });

  it("a new curator assignment made through one instance is in the next request's reach on the other", async () => {
    expect((await as(b, "curator"))!.read.curatedParticipationIds.has(other.participationId)).toBe(false);
    expect((await as(a, "curator"))!.read.curatedParticipationIds.has(other.participationId)).toBe(false);
    await a.curatorAssignment.create({ data: { curatorId: w.users.curator.id, participationId: other.participationId } });
    expect((await as(b, "curator"))!.read.curatedParticipationIds.has(other.participationId)).toBe(true);
    expect((await as(a, "curator"))!.read.curatedSchoolIds.has(other.schoolId)).toBe(true);
    await b.curatorAssignment.deleteMany({ where: { curatorId: w.users.curator.id, participationId: other.participationId } });
    expect((await as(a, "curator"))!.read.curatedParticipationIds.has(other.participationId)).toBe(false);
  });

  it("a school created in the region, or moved out of a municipality, changes the reach at once", async () => {
    await as(a, "regional");
    await as(b, "municipal");
    const school = await b.school.create({ data: { municipalityId: w.municipalityId, fullName: "Новая школа", shortName: "МБОУ «Новая»" } });
    expect((await as(a, "regional"))!.read.allSchoolIds.has(school.id)).toBe(true);
    expect((await as(b, "municipal"))!.read.allSchoolIds.has(school.id)).toBe(true);
    await a.school.update({ where: { id: school.id }, data: { municipalityId: other.municipalityId } });
    expect((await as(b, "municipal"))!.read.allSchoolIds.has(school.id)).toBe(false);
    expect((await as(a, "regional"))!.read.allSchoolIds.has(school.id)).toBe(true); // still in the region
  });

  it("a role taken away, and a deactivation, end the cached reach on both instances", async () => {
    expect((await as(a, "municipal"))!.read.municipalityIds.has(w.municipalityId)).toBe(true);
    await b.roleAssignment.deleteMany({ where: { userId: w.users.municipal.id } });
    expect((await as(a, "municipal"))!.read.municipalityIds.size).toBe(0);
    expect(await as(a, "regional")).not.toBeNull();
    await b.user.updateMany({ where: { email: { startsWith: "regional." }, roles: { some: { regionId: w.regionId } } }, data: { active: false } });
    expect(await as(a, "regional")).toBeNull();
  });

  it("a write rolled back leaves the cached reach valid (the counter moves only with a commit)", async () => {
    await as(b, "curator");
    await a
      .$transaction(async (tx) => {
        await tx.curatorAssignment.create({ data: { curatorId: w.users.curator.id, participationId: other.participationId } });
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await a.curatorAssignment.count({ where: { curatorId: w.users.curator.id, participationId: other.participationId } })).toBe(0);
    expect((await as(b, "curator"))!.read.curatedParticipationIds.has(other.participationId)).toBe(false);
  });
});

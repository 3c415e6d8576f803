// Each test file builds its own world beside the demo one, with unique names, so files run concurrently.
// Regions are reference data (codes 1..99), so worlds live in existing regions under new municipalities.
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { DB } from "../../api/src/db.ts";
import type { Role } from "../../prisma/generated/client/client.ts";

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = "test-password-123";
const pw = () => (passwordHash ??= hash(TEST_PASSWORD));
const tag = () => randomUUID().slice(0, 8);

export interface World {
  regionId: string;
  municipalityId: string;
  schoolId: string;
  participationId: string;
  programmeYearId: string;
  users: Record<"school" | "curator" | "municipal", { id: string; email: string }>;
}

/** A municipality in region `regionCode` with one participating school, its curator, school user and municipal coordinator. */
export async function seedWorld(db: DB, opts: { regionCode?: number; year?: number } = {}): Promise<World> {
  const t = tag();
  const region = await db.region.findUniqueOrThrow({ where: { code: opts.regionCode ?? 75 } });
  const year = await db.programmeYear.findFirstOrThrow({ where: { year: opts.year ?? 2026, programme: { regionId: null } } });
  const municipality = await db.municipality.create({ data: { regionId: region.id, name: `Тестовый район ${t}` } });
  const school = await db.school.create({
    data: { municipalityId: municipality.id, fullName: `Тестовая школа ${t}`, shortName: `МКОУ «Тест ${t}»` },
  });
  const participation = await db.participation.create({ data: { schoolId: school.id, programmeYearId: year.id, decree: `приказ № ${t}` } });
  const user = async (role: Role, scope: { municipalityId?: string; schoolId?: string } = {}) => {
    const email = `${role.toLowerCase()}.${t}@test.medk.ru`;
    const u = await db.user.create({
      data: { email, fullName: `Тест ${role} ${t}`, passwordHash: await pw(), roles: { create: { role, ...scope } } },
    });
    return { id: u.id, email };
  };
  const users = {
    school: await user("SCHOOL", { schoolId: school.id }),
    curator: await user("CURATOR"),
    municipal: await user("MUNICIPAL_COORDINATOR", { municipalityId: municipality.id }),
  };
  await db.curatorAssignment.create({ data: { curatorId: users.curator.id, participationId: participation.id } });
  return {
    regionId: region.id,
    municipalityId: municipality.id,
    schoolId: school.id,
    participationId: participation.id,
    programmeYearId: year.id,
    users,
  };
}

/** Relay global id, as the API encodes it. */
export const gid = (type: string, id: string | number) => Buffer.from(`${type}:${id}`).toString("base64");

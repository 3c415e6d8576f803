// Shared steps of the roadmap tests: a world with a loaded risk profile (some risks chosen) and a token
// for every role that touches a roadmap.
import type { TestServer } from "../../testkit/server.ts";
import { seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";

export type RoleKey = "school" | "curator" | "municipal" | "region" | "observer" | "otherSchool" | "otherCurator" | "otherMunicipal";

export interface RoadmapWorld {
  w: World;
  other: World;
  t: Record<RoleKey, string>;
  /** Risk factor ids of the year by number. */
  factor: (n: number) => string;
}

/** Two worlds in region 75 (Asia/Chita); in the first, risks 3 and 6 are chosen in a loaded profile. */
export async function roadmapWorld(s: TestServer): Promise<RoadmapWorld> {
  const [w, other] = await Promise.all([seedWorld(s.db), seedWorld(s.db)]);
  const [region, observer] = await Promise.all([
    addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId }),
    addUser(s.db, "OBSERVER", { municipalityId: w.municipalityId }),
  ]);
  const factors = await s.db.riskFactor.findMany({ where: { programmeYearId: w.programmeYearId }, select: { id: true, number: true } });
  await s.db.riskProfile.create({
    data: {
      participationId: w.participationId,
      entries: { create: factors.map((f) => ({ riskFactorId: f.id, significance: "HIGH" as const, chosen: f.number === 3 || f.number === 6 })) },
    },
  });
  const users = { ...w.users, region, observer, otherSchool: other.users.school, otherCurator: other.users.curator, otherMunicipal: other.users.municipal };
  const tokens = await Promise.all(Object.values(users).map((u) => s.signIn(u.email, TEST_PASSWORD)));
  const t = Object.fromEntries(Object.keys(users).map((k, i) => [k, tokens[i]])) as Record<RoleKey, string>;
  return { w, other, t, factor: (n) => factors.find((f) => f.number === n)!.id };
}

/** The error code of a response: a top-level error's extensions.code, or a domain error's code. */
export function codeOf(r: { data?: any; errors?: { extensions?: { code?: string } }[] }, field: string): string | undefined {
  return r.errors?.[0]?.extensions?.code ?? r.data?.[field]?.code;
}

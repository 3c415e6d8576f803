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
  const [region, observer] = await Promise.all([addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId }), addUser(s.db, "OBSERVER", { municipalityId: w.municipalityId })]);
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

/** A GraphQL multipart request (one file at `variablePath`, e.g. "input.file"), as browsers send it. */
export async function uploadGql(
  s: TestServer,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
  variablePath: string,
  file: { name: string; bytes: Uint8Array },
): Promise<{ status: number; data?: any; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query, variables }));
  form.set("map", JSON.stringify({ "0": [`variables.${variablePath}`] }));
  form.set("0", new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${s.url}/graphql`, {
    method: "POST",
    headers: { "x-graphql-yoga-csrf": "1", "x-forwarded-for": s.ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  const text = await res.text();
  try {
    return { status: res.status, ...JSON.parse(text) };
  } catch {
    return { status: res.status, errors: [{ message: text }] };
  }
}

/** GET a download with a bearer token. */
export async function download(s: TestServer, path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

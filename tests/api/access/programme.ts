// Matrix entries of the programmes («500+», «62+»): the federal programme is everyone's; a region's
// programme is seen by that region's people and the federal level only, and run by that region's
// coordinator and the federal one. Allowed writes change nothing (the same values again, or a name
// already taken), so the demo world other files read stays as it was.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

interface Who {
  all: boolean;
  kind?: string;
  regionId?: string;
  writes: boolean;
}
export interface ProgrammeMatrixContext<R extends string> {
  s: () => TestServer;
  as: (role: R) => { token?: string };
  who: (role: R) => Who;
  regions: () => { r75: string; r62: string };
  /** Whether the role belongs to region 62 (its own territory or the schools it works with lie there). */
  inRegion62: (role: R) => boolean;
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

export function programmeMatrix<R extends string>(c: ProgrammeMatrixContext<R>): Record<string, (role: R) => Promise<void>> {
  const anon = (role: R) => role === "anonymous";
  const sees62 = (role: R) => c.who(role).all || c.inRegion62(role);
  /** The federal coordinator and region 62's coordinator run «62+». */
  const runs62 = (role: R) => c.who(role).writes && (c.who(role).all || (c.who(role).kind === "REGIONAL_COORDINATOR" && c.who(role).regionId === c.regions().r62));
  const admin = (role: R) => c.who(role).writes && (c.who(role).all || c.who(role).kind === "REGIONAL_COORDINATOR");
  const p62 = () => c.s().db.programme.findUniqueOrThrow({ where: { shortName: "62+" }, include: { years: true } });
  /** Outcome for a role that may not run «62+»: scope-auth stops non-admins; an admin of another region does not find it. */
  const refused = (role: R) => (anon(role) ? "UNAUTHENTICATED" : admin(role) ? "NOT_FOUND" : "FORBIDDEN");

  return {
    programmes: async (role) => {
      const r = await c.s().gql("{ programmes { shortName isFederal years { title } } }", {}, c.as(role));
      if (anon(role)) return expect(codeOf(r)).toBe("UNAUTHENTICATED");
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const names = r.data.programmes.map((p: any) => p.shortName);
      expect(names[0], role).toBe("500+");
      expect(names.includes("62+"), `${role} sees «62+»`).toBe(sees62(role));
    },
    createProgramme: async (role) => {
      // «62+» is taken: whoever may open a programme in region 62 is told so, nothing is created.
      const r = await c
        .s()
        .gql('mutation($r: ID!){ createProgramme(name: "Матрица", shortName: "62+", regionId: $r){ __typename ... on Error { code } } }', { r: gid("Region", c.regions().r62) }, c.as(role));
      if (runs62(role)) expect(r.data?.createProgramme?.code, JSON.stringify(r)).toBe("PROGRAMME_NAME_TAKEN");
      else expect(codeOf(r), `${role} createProgramme`).toBe(anon(role) ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(await c.s().db.programme.count({ where: { name: "Матрица" } })).toBe(0);
    },
    updateProgramme: async (role) => {
      const p = await p62();
      const r = await c
        .s()
        .gql(
          "mutation($id: ID!, $n: String!){ updateProgramme(id: $id, fields: { name: $n }){ __typename ... on MutationUpdateProgrammeSuccess { data { shortName } } } }",
          { id: gid("Programme", p.id), n: p.name },
          c.as(role),
        );
      if (runs62(role)) expect(r.data?.updateProgramme?.data?.shortName, JSON.stringify(r)).toBe("62+");
      else expect(codeOf(r), `${role} updateProgramme`).toBe(refused(role));
      const { years: _years, ...before } = p;
      expect(await c.s().db.programme.findUniqueOrThrow({ where: { id: p.id } })).toEqual(before);
    },
  };
}

/** The «62+» year under the year mutations: who runs the programme may, everyone else is refused. */
export async function regionalYearChecks<R extends string>(c: ProgrammeMatrixContext<R>, role: R) {
  const anon = role === "anonymous";
  const runs62 = c.who(role).writes && (c.who(role).all || (c.who(role).kind === "REGIONAL_COORDINATOR" && c.who(role).regionId === c.regions().r62));
  const admin = c.who(role).writes && (c.who(role).all || c.who(role).kind === "REGIONAL_COORDINATOR");
  const y = await c.s().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { shortName: "62+" } } });
  const r = await c
    .s()
    .gql(
      'mutation($id: ID!, $d: Int!){ updateProgrammeYear(id: $id, settings: { measureDueSoonDays: $d }, reason: "Матрица"){ __typename ... on MutationUpdateProgrammeYearSuccess { data { title viewerCanManage } } } }',
      { id: gid("ProgrammeYear", y.id), d: y.measureDueSoonDays },
      c.as(role),
    );
  if (runs62) expect(r.data?.updateProgrammeYear?.data, JSON.stringify(r)).toEqual({ title: "62+ 2026", viewerCanManage: true });
  else expect(codeOf(r), `${role} updateProgrammeYear «62+»`).toBe(anon ? "UNAUTHENTICATED" : admin ? "NOT_FOUND" : "FORBIDDEN");
  expect(await c.s().db.programmeYear.findUniqueOrThrow({ where: { id: y.id } })).toEqual(y);
}

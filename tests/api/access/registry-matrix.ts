// Matrix entries of the programme-year and registry operations (kept beside the matrix so its file does
// not grow past reading). Who may: federal coordinator everywhere; regional coordinator in its region
// (registry, participants, statuses, onboarding); «500+» years only the federal coordinator (the regional
// programmes' years: programme.ts). Allowed
// writes are chosen so they change nothing on demo rows, or act on the matrix's own rows and are undone.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { uploadGql } from "../roadmap/helpers.ts";

interface Place {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
  regionId: string;
}
interface Who {
  all: boolean;
  kind?: string;
  regionId?: string;
  writes: boolean;
}
export interface RegistryMatrixContext<R extends string> {
  s: () => TestServer;
  as: (role: R) => { token?: string };
  who: (role: R) => Who;
  userId: (email: string) => string;
  regions: () => { r75: string; r62: string };
  fresh: () => { fresh75: Place; fresh62: Place };
  undino: () => { schoolId: string; participationId: string; regionId: string; municipalityId: string };
  seesPlace: (role: R, p: Place) => boolean;
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

export function registryMatrix<R extends string>(c: RegistryMatrixContext<R>): Record<string, (role: R) => Promise<void>> {
  const anon = (role: R) => role === "anonymous";
  const denied = (role: R) => (anon(role) ? "UNAUTHENTICATED" : "FORBIDDEN");
  const federal = (role: R) => c.who(role).all;
  /** Federal coordinator anywhere, regional coordinator of `regionId`. */
  const registrar = (role: R, regionId: string) => c.who(role).writes && (c.who(role).all || (c.who(role).kind === "REGIONAL_COORDINATOR" && c.who(role).regionId === regionId));
  const isRegional = (role: R) => c.who(role).kind === "REGIONAL_COORDINATOR";
  const successTypename = (r: any, field: string) => r.data?.[field]?.__typename;
  const fedOnly = async (role: R, query: string, vars: Record<string, unknown>, field: string, expected: string) => {
    const r = await c.s().gql(query, vars, c.as(role));
    if (federal(role)) expect(r.data?.[field]?.code ?? successTypename(r, field), JSON.stringify(r)).toBe(expected);
    else expect(codeOf(r), `${role} ${field}`).toBe(denied(role));
  };
  const fakeImport = (regionId: string) =>
    c.s().db.registryImport.create({
      data: { kind: "MUNICIPALITIES", regionId, fileName: "матрица.csv", sha256: "0".repeat(64), createdById: c.userId("fioco@demo.medk.ru"), unchangedCount: 1 },
    });

  return {
    participations: async (role) => {
      const r = await c.s().gql("{ participations(filter: { year: 2026 }, first: 500) { edges { node { id school { id } } } } }", {}, c.as(role));
      if (anon(role)) return expect(codeOf(r)).toBe("UNAUTHENTICATED");
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const ids = r.data.participations.edges.map((e: any) => Buffer.from(e.node.id, "base64").toString().split(":")[1]);
      const rows = await c
        .s()
        .db.participation.findMany({ where: { id: { in: ids } }, select: { id: true, schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } } });
      expect(rows).toHaveLength(ids.length);
      for (const p of rows)
        expect(c.seesPlace(role, { participationId: p.id, schoolId: p.schoolId, municipalityId: p.school.municipalityId, regionId: p.school.municipality.regionId }), `${role} gets ${p.id}`).toBe(
          true,
        );
    },
    registryImport: async (role) => {
      const imp = await fakeImport(c.regions().r75);
      try {
        const r = await c.s().gql("query($id: ID!){ registryImport(id: $id){ id } }", { id: imp.id }, c.as(role));
        if (registrar(role, c.regions().r75)) expect(r.data?.registryImport?.id).toBe(imp.id);
        else expect(codeOf(r)).toBe(isRegional(role) ? "NOT_FOUND" : denied(role));
      } finally {
        await c.s().db.registryImport.delete({ where: { id: imp.id } });
      }
    },
    previewRegistryImport: async (role) => {
      const q = "mutation($i: PreviewRegistryImportInput!){ previewRegistryImport(input: $i){ __typename ... on MutationPreviewRegistryImportSuccess { data { id unchangedCount } } } }";
      const name = (await c.s().db.municipality.findUniqueOrThrow({ where: { id: c.undino().municipalityId } })).name;
      const r = await uploadGql(c.s(), c.as(role).token ?? null, q, { i: { kind: "MUNICIPALITIES", regionId: gid("Region", c.regions().r75), file: null } }, "i.file", {
        name: "мо.csv",
        bytes: new TextEncoder().encode(`Наименование\n${name}\n`),
      });
      if (registrar(role, c.regions().r75)) {
        expect(r.data?.previewRegistryImport?.data?.unchangedCount, JSON.stringify(r)).toBe(1);
        await c.s().db.registryImport.delete({ where: { id: r.data.previewRegistryImport.data.id } });
      } else expect(codeOf(r), `${role} preview`).toBe(denied(role));
    },
    applyRegistryImport: async (role) => {
      const imp = await fakeImport(c.regions().r75);
      try {
        const r = await c.s().gql("mutation($id: ID!){ applyRegistryImport(id: $id){ __typename ... on Error { code } } }", { id: imp.id }, c.as(role));
        // An import with nothing new: allowed roles get the domain answer, nothing is written.
        if (registrar(role, c.regions().r75)) expect(r.data?.applyRegistryImport?.code, JSON.stringify(r)).toBe("IMPORT_NOTHING_TO_APPLY");
        else expect(codeOf(r)).toBe(isRegional(role) ? "NOT_FOUND" : denied(role));
        expect((await c.s().db.registryImport.findUniqueOrThrow({ where: { id: imp.id } })).appliedAt).toBeNull();
      } finally {
        await c.s().db.registryImport.delete({ where: { id: imp.id } });
      }
    },
    updateSchool: async (role) => {
      for (const p of [c.fresh().fresh75, c.fresh().fresh62]) {
        const before = await c.s().db.school.findUniqueOrThrow({ where: { id: p.schoolId! } });
        const r = await c
          .s()
          .gql(
            "mutation($id: ID!, $n: String!){ updateSchool(id: $id, input: { shortName: $n }){ __typename ... on MutationUpdateSchoolSuccess { data { id } } } }",
            { id: gid("School", p.schoolId!), n: before.shortName },
            c.as(role),
          );
        if (registrar(role, p.regionId)) expect(r.data?.updateSchool?.__typename, JSON.stringify(r)).toBe("MutationUpdateSchoolSuccess");
        else expect(codeOf(r), `${role} updateSchool`).toBe(anon(role) ? "UNAUTHENTICATED" : isRegional(role) ? "NOT_FOUND" : "FORBIDDEN");
        expect(await c.s().db.school.findUniqueOrThrow({ where: { id: p.schoolId! } })).toEqual(before);
      }
    },
    addParticipants: async (role) => {
      for (const p of [c.fresh().fresh75, c.fresh().fresh62]) {
        const r = await c
          .s()
          .gql(
            "mutation($i: AddParticipantsInput!){ addParticipants(input: $i){ __typename ... on MutationAddParticipantsSuccess { data { added { id } alreadyListed { id } } } } }",
            { i: { year: 2026, schoolIds: [gid("School", p.schoolId!)], decreeNumber: "1", decreeDate: "2026-01-01" } },
            c.as(role),
          );
        // The matrix's schools are already listed: an allowed call reports it and adds nothing.
        if (registrar(role, p.regionId)) expect(r.data?.addParticipants?.data, JSON.stringify(r)).toEqual({ added: [], alreadyListed: [{ id: gid("School", p.schoolId!) }] });
        else expect(codeOf(r), `${role} addParticipants`).toBe(denied(role));
      }
    },
    changeParticipationStatus: async (role) => {
      for (const p of [c.fresh().fresh75, c.fresh().fresh62]) {
        const before = await c.s().db.participation.findUniqueOrThrow({ where: { id: p.participationId! } });
        const r = await c
          .s()
          .gql(
            'mutation($id: ID!){ changeParticipationStatus(id: $id, status: WITHDRAWN, reason: "Матрица доступа"){ __typename ... on MutationChangeParticipationStatusSuccess { data { status } } } }',
            { id: gid("Participation", p.participationId!) },
            c.as(role),
          );
        if (registrar(role, p.regionId)) {
          expect(r.data?.changeParticipationStatus?.data?.status, JSON.stringify(r)).toBe("WITHDRAWN");
          await c.s().db.participation.update({
            where: { id: before.id },
            data: { status: before.status, statusReason: before.statusReason, statusDate: before.statusDate, statusChangedAt: before.statusChangedAt },
          });
        } else {
          expect(codeOf(r), `${role} changeParticipationStatus`).toBe(anon(role) ? "UNAUTHENTICATED" : c.seesPlace(role, p) ? "FORBIDDEN" : "NOT_FOUND");
          expect(await c.s().db.participation.findUniqueOrThrow({ where: { id: p.participationId! } })).toEqual(before);
        }
      }
    },
    // Programme years: only the federal coordinator. Allowed calls answer a domain error before any write.
    createProgrammeYear: (role) => fedOnly(role, "mutation{ createProgrammeYear(year: 2026, copyFrom: 2023){ __typename ... on Error { code } } }", {}, "createProgrammeYear", "YEAR_EXISTS"),
    updateProgrammeYear: async (role) => {
      const y = await c.s().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { regionId: null } } });
      // The same value again: nothing changes, nothing is recorded.
      await fedOnly(
        role,
        'mutation($id: ID!, $d: Int!){ updateProgrammeYear(id: $id, settings: { measureDueSoonDays: $d }, reason: "Матрица"){ __typename ... on MutationUpdateProgrammeYearSuccess { data { id } } } }',
        { id: gid("ProgrammeYear", y.id), d: y.measureDueSoonDays },
        "updateProgrammeYear",
        "MutationUpdateProgrammeYearSuccess",
      );
    },
    deleteProgrammeYear: async (role) => {
      const y = await c.s().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { regionId: null } } });
      await fedOnly(role, "mutation($id: ID!){ deleteProgrammeYear(id: $id){ __typename ... on Error { code } } }", { id: gid("ProgrammeYear", y.id) }, "deleteProgrammeYear", "YEAR_IN_USE");
    },
    saveRiskFactor: async (role) => {
      const f = await c.s().db.riskFactor.findFirstOrThrow({ where: { programmeYear: { year: 2026, programme: { regionId: null } }, number: 1 } });
      await fedOnly(
        role,
        "mutation($y: ID!, $t: String!){ saveRiskFactor(programmeYearId: $y, number: 1, title: $t){ __typename ... on MutationSaveRiskFactorSuccess { data { id } } } }",
        { y: gid("ProgrammeYear", f.programmeYearId), t: f.title },
        "saveRiskFactor",
        "MutationSaveRiskFactorSuccess",
      );
      expect((await c.s().db.riskFactor.findUniqueOrThrow({ where: { id: f.id } })).title).toBe(f.title);
    },
    removeRiskFactor: async (role) => {
      // Factor 1 of the demo year is used by profiles: the federal coordinator is told so, nothing is removed.
      const f = await c.s().db.riskFactor.findFirstOrThrow({ where: { programmeYear: { year: 2026, programme: { regionId: null } }, number: 1 } });
      await fedOnly(role, "mutation($id: ID!){ removeRiskFactor(id: $id){ __typename ... on Error { code } } }", { id: gid("RiskFactor", f.id) }, "removeRiskFactor", "RISK_FACTOR_IN_USE");
    },
  };
}

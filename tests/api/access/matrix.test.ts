// The access matrix: every demo role × every root query, mutation and subscription of the schema, on its
// own scope and a neighbour's. The operation list is read from the schema, so a new operation without an
// entry here fails the suite. What a role may see is stated from database facts (the region, municipality
// and school of each probe), never from the API under test.
//
// Documents, roadmaps and risk profiles are checked on rows this file owns: fixture documents and
// measures added to the demo participations (and removed afterwards), municipalities of its own. An
// allowed write is undone at once, so the demo world other files read stays as it was.
import { createHash, randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isObjectType } from "graphql";
import { schema } from "../../../api/src/schema.ts";
import type { Role } from "../../../prisma/generated/client/client.ts";
import { nextEvents, startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { pdf, upload } from "../document/kit.ts";
import { uploadGql } from "../roadmap/helpers.ts";
import { consultationMatrix } from "./consultation.ts";
import { registryMatrix } from "./registry-matrix.ts";
import { surveyMatrix } from "./survey-matrix.ts";
import { programmeMatrix, regionalYearChecks, type ProgrammeMatrixContext } from "./programme.ts";
import { eventMatrix } from "./event.ts";
import { libraryMatrix } from "./library.ts";
import { practiceMatrix } from "./practice.ts";
import { pdfMatrix } from "./pdf-matrix.ts";

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

interface SchoolFact {
  id: string;
  municipalityId: string;
  regionId: string;
}
interface Reach {
  all: boolean;
  kind?: Role;
  regionId?: string;
  municipalityId?: string;
  /** The school of a SCHOOL account. */
  schoolId?: string;
  /** The own school and the curated schools. */
  schoolIds: Set<string>;
  /** Curated participations. */
  participationIds: Set<string>;
  /** Municipalities seen as context: a school's own, those of the curated schools. */
  contextMunicipalityIds: Set<string>;
  writes: boolean;
}
/** Where a row lies: a participation (with its school) or, for a municipal roadmap, a municipality. */
interface Place {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
  regionId: string;
}

let s: TestServer;
const tokens = new Map<RoleKey, string | undefined>();
const reach = new Map<RoleKey, Reach>();
const userIds = new Map<string, string>();
let schools: Record<"undino" | "zhidka" | "other75" | "r62", SchoolFact>;
let participations: Record<"undino" | "zhidka" | "other75" | "r62", { id: string; schoolId: string }>;
let regions: { r75: string; r62: string };
let victims: { undino: string; r62: string };

// Fixtures of the document, roadmap and risk-profile checks (see beforeAll).
type SchoolKey = (typeof SCHOOL_KEYS)[number];
const ROADMAP_KEYS = ["undino", "zhidka", "other75", "r62", "baley", "muni75", "muni62"] as const;
type RoadmapKey = (typeof ROADMAP_KEYS)[number];
const FRESH_KEYS = ["fresh75", "fresh62"] as const;
type FreshKey = (typeof FRESH_KEYS)[number];
let places: Record<SchoolKey | FreshKey, Place>;
/** Per participation: a DRAFT and a SUBMITTED anti-risk programme of this file (for risks no demo document uses). */
let docs: Record<SchoolKey, { draft: string; draftFactor: string; version: string; submitted: string }>;
/** Per roadmap (school roadmaps of the demo, the Балейский municipal one, two of our own): a measure of this file. */
let roadmaps: Record<RoadmapKey, { id: string; place: Place; measure: string }>;
let profiles: Record<SchoolKey, string>;
let yearFacts: { id: string; coordinatorsMayReview: boolean; factorIds: string[] };
let roadmapXlsx: Uint8Array;
const ours = { documents: [] as string[], measures: [] as string[] };

const as = (role: RoleKey) => ({ token: tokens.get(role) });
const SCHOOL_KEYS = ["undino", "zhidka", "other75", "r62"] as const;

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
  const year = await s.db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { regionId: null } } });
  const inYear = { participations: { some: { programmeYearId: year.id } } };
  schools = {
    undino: await facts({ id: undinoId }),
    zhidka: await facts({ id: zhidkaId }),
    other75: await facts({ municipalityId: shilka, ...inYear }),
    r62: await facts({ municipalityId: kasimov, ...inYear }),
  };
  const part = async (schoolId: string) => s.db.participation.findUniqueOrThrow({ where: { schoolId_programmeYearId: { schoolId, programmeYearId: year.id } }, select: { id: true, schoolId: true } });
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
      reach.set(role, { all: false, schoolIds: new Set(), participationIds: new Set(), contextMunicipalityIds: new Set(), writes: false });
      continue;
    }
    const u = await s.db.user.findUniqueOrThrow({
      where: { email: role },
      include: { roles: { include: { school: true } }, curatorships: { include: { participation: { include: { school: true } } } } },
    });
    userIds.set(role, u.id);
    const r = u.roles[0]!;
    reach.set(role, {
      all: r.role === "FEDERAL_COORDINATOR",
      kind: r.role,
      regionId: r.regionId ?? undefined,
      municipalityId: r.municipalityId ?? undefined,
      schoolId: r.schoolId ?? undefined,
      schoolIds: new Set([...(r.schoolId ? [r.schoolId] : []), ...u.curatorships.map((c) => c.participation.schoolId)]),
      participationIds: new Set(u.curatorships.map((c) => c.participationId)),
      contextMunicipalityIds: new Set([...(r.school ? [r.school.municipalityId] : []), ...u.curatorships.map((c) => c.participation.school.municipalityId)]),
      writes: r.role !== "OBSERVER",
    });
  }
  // Accounts that mutations may safely act on (other tests use the demo accounts).
  const victim = async (schoolId: string) =>
    (await s.db.user.create({ data: { email: `victim.${Math.random().toString(36).slice(2, 10)}@test.medk.ru`, fullName: "Жертва Матрицы", roles: { create: { role: "SCHOOL", schoolId } } } })).id;
  victims = { undino: await victim(schools.undino.id), r62: await victim(schools.r62.id) };
  await buildFixtures(year.id);
  await consultation.setup({ undinoSchool: schools.undino, r62School: schools.r62, r62Author: victims.r62 });
  await events.setup({ r75: regions.r75, r62: regions.r62, undinoMunicipalityId: schools.undino.municipalityId });
  await library.setup({ r75: regions.r75, r62: regions.r62 });
  await practice.setup({ undino: schools.undino, undinoParticipationId: participations.undino.id });
  await pdfs.setup();
}, 180_000);

afterAll(async () => {
  await consultation.teardown().catch((e) => console.error("matrix questions left behind:", e));
  await events.teardown().catch((e) => console.error("matrix events left behind:", e));
  await library.teardown().catch((e) => console.error("matrix materials left behind:", e));
  await practice.teardown().catch((e) => console.error("matrix practices left behind:", e));
  // Copies hold on to the fixture roadmaps: they go first.
  await pdfs.teardown().catch((e) => console.error("matrix PDF copies left behind:", e));
  await removeFixtures().catch((e) => console.error("matrix fixtures left behind:", e));
  await s.stop();
});

// ---------- fixtures: rows this file owns ----------

async function buildFixtures(programmeYearId: string) {
  const db = s.db;
  const year = await db.programmeYear.findUniqueOrThrow({ where: { id: programmeYearId }, include: { riskFactors: { orderBy: { number: "desc" } } } });
  yearFacts = { id: year.id, coordinatorsMayReview: year.coordinatorsMayReview, factorIds: year.riskFactors.map((f) => f.id) };
  places = {} as typeof places;
  for (const k of SCHOOL_KEYS) places[k] = { participationId: participations[k].id, schoolId: schools[k].id, municipalityId: schools[k].municipalityId, regionId: schools[k].regionId };

  // Two anti-risk programmes per demo participation, for risks it did not choose and no document uses:
  // what the school owes (and the deadline alerts about it) stays as the demo has it.
  const sha256 = createHash("sha256").update(pdf("Матрица доступа")).digest("hex");
  docs = {} as typeof docs;
  for (const k of SCHOOL_KEYS) {
    const p = places[k];
    const [documented, chosen] = await Promise.all([
      db.document.findMany({ where: { participationId: p.participationId!, kind: "ANTI_RISK_PROGRAMME" }, select: { riskFactorId: true } }),
      db.riskProfileEntry.findMany({ where: { profile: { participationId: p.participationId! }, chosen: true }, select: { riskFactorId: true } }),
    ]);
    const used = new Set([...documented, ...chosen].map((d) => d.riskFactorId));
    const [draftFactor, submittedFactor] = yearFacts.factorIds.filter((f) => !used.has(f));
    const author = (await db.user.findFirstOrThrow({ where: { email: { endsWith: "@demo.medk.ru" }, roles: { some: { role: "SCHOOL", schoolId: p.schoolId! } } } })).id;
    const make = async (riskFactorId: string, status: "DRAFT" | "SUBMITTED") => {
      const file = await db.storedFile.create({ data: { sha256, size: 512, mediaType: "application/pdf", originalName: "Матрица.pdf", uploadedById: author } });
      const submittedAt = status === "SUBMITTED" ? new Date() : null;
      const d = await db.document.create({
        data: {
          participationId: p.participationId!,
          kind: "ANTI_RISK_PROGRAMME",
          riskFactorId,
          status,
          submittedAt,
          versions: { create: { number: 1, fileId: file.id, uploadedById: author, submittedAt, submittedById: submittedAt && author } },
        },
        include: { versions: true },
      });
      ours.documents.push(d.id);
      return d;
    };
    const draft = await make(draftFactor!, "DRAFT");
    const submitted = await make(submittedFactor!, "SUBMITTED");
    docs[k] = { draft: draft.id, draftFactor: draftFactor!, version: draft.versions[0]!.id, submitted: submitted.id };
  }

  profiles = {} as typeof profiles;
  for (const k of SCHOOL_KEYS) profiles[k] = (await db.riskProfile.findUniqueOrThrow({ where: { participationId: places[k].participationId! } })).id;

  // Municipalities of our own, one in each region, each with a participating school and a municipal roadmap.
  const fresh = async (regionId: string) => {
    const t = randomUUID().slice(0, 8);
    const m = await db.municipality.create({ data: { regionId, name: `Матричный район ${t}` } });
    const sc = await db.school.create({ data: { municipalityId: m.id, fullName: `Матричная школа ${t}`, shortName: `МКОУ «Матрица ${t}»` } });
    const p = await db.participation.create({ data: { schoolId: sc.id, programmeYearId: year.id } });
    const r = await db.roadmap.create({ data: { programmeYearId: year.id, municipalityId: m.id, title: `Муниципальная дорожная карта: ${m.name}` } });
    return { school: { participationId: p.id, schoolId: sc.id, municipalityId: m.id, regionId }, roadmapId: r.id };
  };
  const [f75, f62] = [await fresh(regions.r75), await fresh(regions.r62)];
  places.fresh75 = f75.school;
  places.fresh62 = f62.school;

  // A measure of ours on every roadmap, planned for a period (no due date: no deadline alerts).
  const municipal = (municipalityId: string, regionId: string): Place => ({ participationId: null, schoolId: null, municipalityId, regionId });
  const baley = await db.roadmap.findUniqueOrThrow({ where: { municipalityId_programmeYearId: { municipalityId: schools.undino.municipalityId, programmeYearId: year.id } } });
  const owners: [RoadmapKey, string, Place][] = [
    ...(await Promise.all(
      SCHOOL_KEYS.map(async (k) => [k, (await db.roadmap.findUniqueOrThrow({ where: { participationId: places[k].participationId! } })).id, places[k]] as [RoadmapKey, string, Place]),
    )),
    ["baley", baley.id, municipal(schools.undino.municipalityId, regions.r75)],
    ["muni75", f75.roadmapId, municipal(f75.school.municipalityId, regions.r75)],
    ["muni62", f62.roadmapId, municipal(f62.school.municipalityId, regions.r62)],
  ];
  roadmaps = {} as typeof roadmaps;
  for (const [k, roadmapId, place] of owners) {
    const last = await db.measure.aggregate({ where: { roadmapId }, _max: { position: true } });
    const m = await db.measure.create({ data: { roadmapId, position: (last._max.position ?? 0) + 1, title: FIXTURE_MEASURE, periodLabel: "в течение всего периода" } });
    ours.measures.push(m.id);
    roadmaps[k] = { id: roadmapId, place, measure: m.id };
  }

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("План");
  ws.addRow(["№", "Описание действий", "Сроки реализации", "Показатель реализации"]);
  ws.addRow([1, IMPORTED_MEASURE, "Март-", "Проведено"]);
  roadmapXlsx = new Uint8Array(await wb.xlsx.writeBuffer());
}

const FIXTURE_MEASURE = "Матрица доступа: мероприятие";
const CREATED_MEASURE = "Матрица доступа: новое мероприятие";
const IMPORTED_MEASURE = "Матрица доступа: импортированное мероприятие";

/** Removes measures with what hangs on them (evidence, comments, their notifications). */
async function deleteMeasures(where: { id?: { in: string[] }; roadmapId?: string; title?: string }) {
  const ids = (await s.db.measure.findMany({ where, select: { id: true } })).map((m) => m.id);
  if (!ids.length) return;
  const fileIds = (await s.db.measureEvidence.findMany({ where: { measureId: { in: ids }, fileId: { not: null } }, select: { fileId: true } })).map((e) => e.fileId!);
  await s.db.notification.deleteMany({ where: { OR: ids.map((id) => ({ payload: { path: ["measureId"], equals: gid("Measure", id) } })) } });
  await s.db.measureEvidence.deleteMany({ where: { measureId: { in: ids } } });
  await s.db.measureComment.deleteMany({ where: { measureId: { in: ids } } });
  await s.db.measure.deleteMany({ where: { id: { in: ids } } });
  await s.db.storedFile.deleteMany({ where: { id: { in: fileIds }, versions: { none: {} }, evidence: { none: {} } } });
}

async function removeFixtures() {
  const db = s.db;
  await deleteMeasures({ id: { in: ours.measures } });
  const ids = ours.documents;
  if (!ids.length) return;
  await db.notification.deleteMany({ where: { OR: ids.map((id) => ({ payload: { path: ["documentId"], equals: gid("Document", id) } })) } });
  const fileIds = (await db.documentVersion.findMany({ where: { documentId: { in: ids } }, select: { fileId: true } })).map((v) => v.fileId);
  await db.review.deleteMany({ where: { documentId: { in: ids } } });
  await db.documentVersion.deleteMany({ where: { documentId: { in: ids } } });
  await db.document.deleteMany({ where: { id: { in: ids } } });
  await db.storedFile.deleteMany({ where: { id: { in: fileIds }, versions: { none: {} }, evidence: { none: {} } } });
}

/** Puts a fixture document back to DRAFT (latest version not sent) or SUBMITTED (latest version sent), without decisions. */
async function resetDocument(id: string, status: "DRAFT" | "SUBMITTED") {
  const latest = await s.db.documentVersion.findFirstOrThrow({ where: { documentId: id }, orderBy: { number: "desc" } });
  const at = status === "SUBMITTED" ? new Date() : null;
  await s.db.review.deleteMany({ where: { documentId: id } });
  await s.db.documentVersion.update({ where: { id: latest.id }, data: { submittedAt: at, submittedById: at && latest.uploadedById } });
  await s.db.document.update({ where: { id }, data: { status, submittedAt: at, decidedAt: null } });
}

const documentState = async (id: string) => {
  const d = await s.db.document.findUniqueOrThrow({ where: { id }, select: { status: true, revision: true, _count: { select: { versions: true, reviews: true } } } });
  return { status: d.status, revision: d.revision, versions: d._count.versions, reviews: d._count.reviews };
};

const resetMeasure = (id: string) =>
  s.db.measure.update({
    where: { id },
    data: { status: "PLANNED", cancelReason: null, completedAt: null, actualValue: null, confirmedAt: null, confirmedById: null, returnedAt: null, returnComment: null },
  });
/** The measure reported done and waiting for the curator's confirmation. */
const doneMeasure = (id: string) =>
  s.db.measure.update({ where: { id }, data: { status: "DONE", cancelReason: null, completedAt: new Date(), confirmedAt: null, confirmedById: null, returnedAt: null, returnComment: null } });

const measureState = async (id: string) => {
  const m = await s.db.measure.findUniqueOrThrow({
    where: { id },
    select: { status: true, revision: true, title: true, description: true, cancelReason: true, confirmedAt: true, returnedAt: true, _count: { select: { evidence: true, comments: true } } },
  });
  const { _count, ...rest } = m;
  return { ...rest, evidence: _count.evidence, comments: _count.comments };
};

/** A roadmap's review state (what submitting, deciding and asking for help may change). */
const roadmapReviewState = async (id: string) => {
  const r = await s.db.roadmap.findUniqueOrThrow({ where: { id }, select: { status: true, revision: true, editHelpRequestedAt: true, _count: { select: { versions: true, reviews: true } } } });
  return { status: r.status, revision: r.revision, help: !!r.editHelpRequestedAt, versions: r._count.versions, reviews: r._count.reviews };
};
/** Back to a DRAFT without versions (as the demo has it), or SUBMITTED with one version of this file. */
async function resetRoadmap(id: string, status: "DRAFT" | "SUBMITTED" = "DRAFT") {
  await s.db.roadmapReview.deleteMany({ where: { roadmapId: id } });
  await s.db.roadmapVersion.deleteMany({ where: { roadmapId: id } });
  await s.db.roadmap.update({ where: { id }, data: { status, editHelpRequestedAt: null, submittedAt: status === "SUBMITTED" ? new Date() : null, decidedAt: null } });
  if (status === "SUBMITTED") await s.db.roadmapVersion.create({ data: { roadmapId: id, number: 1, measures: [], submittedById: userIds.get("fioco@demo.medk.ru")! } });
}

/** The measures of a roadmap in their order (what creating, importing and reordering may change). */
const roadmapOrder = async (roadmapId: string) =>
  (await s.db.measure.findMany({ where: { roadmapId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { id: true, position: true } })).map(
    (m) => `${m.position}:${m.id}`,
  );

const profileState = (participationId: string) =>
  s.db.riskProfile.findUnique({
    where: { participationId },
    select: {
      verifiedAt: true,
      updatedAt: true,
      entries: { select: { riskFactorId: true, significance: true, explanation: true, chosen: true }, orderBy: { riskFactorId: "asc" } },
      confirmations: { select: { party: true, userId: true }, orderBy: { party: "asc" } },
    },
  });

/** Undoes a confirmation that the demo profile did not have (and the verification it completed). */
async function restoreProfile(participationId: string, before: Awaited<ReturnType<typeof profileState>>) {
  const profile = await s.db.riskProfile.findUniqueOrThrow({ where: { participationId } });
  const kept = new Set(before?.confirmations.map((c) => c.party));
  await s.db.riskProfileConfirmation.deleteMany({ where: { profileId: profile.id, party: { notIn: [...kept] } } });
  await s.db.riskProfile.update({ where: { id: profile.id }, data: { verifiedAt: before?.verifiedAt ?? null } });
  await s.db.notification.deleteMany({
    where: { kind: "PROFILE_CONFIRMED", payload: { path: ["participationId"], equals: gid("Participation", participationId) }, createdAt: { gte: new Date(Date.now() - 60_000) } },
  });
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const denied = (role: RoleKey) => (role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");

type Check = (role: RoleKey) => Promise<void>;

// ---------- the rules of documents, roadmaps and risk profiles, as the issues state them ----------
// Reading: whoever sees the participation (school, its curator, municipality, region, observer, federal);
// a municipal roadmap whoever sees the municipality. Writing (issues 4–6, auth/access.ts): the school
// uploads and submits its documents and keeps its roadmap; the assigned curator decides on documents
// (coordinators above too when the programme year allows) and comments; the municipal coordinator keeps
// the municipal roadmap and comments on its schools'; regional and federal coordinators edit roadmaps
// and load profiles within their scope; school, curator and municipal coordinator confirm profiles;
// the observer only reads.

const who = (role: RoleKey) => reach.get(role)!;
/** Authority over a municipality (its roadmap, its figures): its coordinator, the region's coordinators and observer, the federal level — not a school or curator that only knows its name. */
function coversMunicipality(role: RoleKey, p: Place) {
  const r = who(role);
  return role !== "anonymous" && (r.all || r.regionId === p.regionId || r.municipalityId === p.municipalityId);
}
const seesPlace = (role: RoleKey, p: Place) =>
  p.participationId
    ? role !== "anonymous" && seesParticipation(role, { id: p.participationId, schoolId: p.schoolId! }, { id: p.schoolId!, municipalityId: p.municipalityId, regionId: p.regionId })
    : coversMunicipality(role, p);
const isSchoolOf = (role: RoleKey, p: Place) => who(role).kind === "SCHOOL" && !!p.schoolId && who(role).schoolId === p.schoolId;
const curates = (role: RoleKey, p: Place) => !!p.participationId && who(role).participationIds.has(p.participationId);
const isMunicipalOf = (role: RoleKey, p: Place) => who(role).kind === "MUNICIPAL_COORDINATOR" && who(role).municipalityId === p.municipalityId;
/** Federal coordinator anywhere, regional coordinator in its region (observers never act). */
const coordinatesRegion = (role: RoleKey, p: Place) => who(role).writes && (who(role).all || (who(role).kind === "REGIONAL_COORDINATOR" && who(role).regionId === p.regionId));

const mayUpload = isSchoolOf;
const mayReview = (role: RoleKey, p: Place) => curates(role, p) || (yearFacts.coordinatorsMayReview && (coordinatesRegion(role, p) || isMunicipalOf(role, p)));
/** The owner keeps the plan and reports on it; those above only when asked and allowed (never in the demo year). */
const mayEditRoadmap = (role: RoleKey, p: Place) => (p.schoolId ? isSchoolOf(role, p) : isMunicipalOf(role, p));
const oversees = (role: RoleKey, p: Place) => (p.schoolId ? curates(role, p) || isMunicipalOf(role, p) || coordinatesRegion(role, p) : coordinatesRegion(role, p));
const mayComment = (role: RoleKey, p: Place) => mayEditRoadmap(role, p) || oversees(role, p);
const mayReviewRoadmap = (role: RoleKey, p: Place) => (p.schoolId ? mayReview(role, p) : coordinatesRegion(role, p));
const partiesOf = (role: RoleKey, p: Place) => [isSchoolOf(role, p) && "SCHOOL", curates(role, p) && "CURATOR", isMunicipalOf(role, p) && "MUNICIPALITY"].filter(Boolean);
const mayLoadProfile = coordinatesRegion;
const mayEditProfile = (role: RoleKey, p: Place) => partiesOf(role, p).length > 0 || mayLoadProfile(role, p);

/** Refusals: anonymous is unauthenticated; a row the role cannot see is not found; one it sees but may not touch is forbidden. */
const refusal = (role: RoleKey, visible: boolean) => (role === "anonymous" ? "UNAUTHENTICATED" : visible ? "FORBIDDEN" : "NOT_FOUND");

const successOf = (field: string) => `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
/** A mutation with the Pothos errors plugin's result union: the domain error's code or the success payload's data. */
const mutation = (field: string, params: string, args: string, data = "id") =>
  `mutation(${params}) { ${field}(${args}) { __typename ... on Error { code message } ... on ${successOf(field)} { data { ${data} } } } }`;

function outcome(r: { data?: any; errors?: { extensions?: { code?: string } }[] }, field: string) {
  if (r.errors?.length) return { code: r.errors[0]!.extensions?.code, errors: r.errors };
  const p = r.data?.[field];
  return { typename: p?.__typename as string | undefined, code: p?.code as string | undefined, data: p?.data };
}

interface Decision<K extends string, S> {
  field: string;
  targets: readonly K[];
  place: (k: K) => Place;
  /** Whether the role may, from the facts and the rules above. */
  allowed: (k: K) => boolean;
  /** The refusal when it may not (default: by visibility, see `refusal`). */
  refusedWith?: (k: K) => string;
  /** What an allowed call answers when it is not a success (a domain error after the access check). */
  grantedAs?: string;
  /** Puts our row in the state the call needs. */
  prepare?: (k: K) => Promise<unknown>;
  /** What the call may change: a refused call must leave it as it was. */
  state: (k: K) => Promise<S>;
  call: (k: K) => Promise<{ data?: any; errors?: any[] }>;
  /** What an allowed call did. */
  granted?: (data: any, k: K, before: S) => unknown;
  /** Undoes an allowed call on a demo row. */
  undo?: (k: K, before: S) => Promise<unknown>;
}

/** One mutation by one role on every target: allowed → success (then undone where needed); refused → the refusal and nothing written. */
async function decide<K extends string, S>(role: RoleKey, d: Decision<K, S>) {
  for (const k of d.targets) {
    await d.prepare?.(k);
    const before = await d.state(k);
    const out = outcome(await d.call(k), d.field);
    const label = `${role} ${d.field} on ${k}`;
    if (role !== "anonymous" && d.allowed(k)) {
      expect(out.code ?? out.typename, `${label} is allowed: ${JSON.stringify(out)}`).toBe(d.grantedAs ?? successOf(d.field));
      if (d.grantedAs) expect(await d.state(k), `${label} wrote nothing`).toEqual(before);
      else await d.granted?.(out.data, k, before);
      await d.undo?.(k, before);
    } else {
      expect(out.code, `${label} is refused: ${JSON.stringify(out)}`).toBe(d.refusedWith?.(k) ?? refusal(role, seesPlace(role, d.place(k))));
      expect(await d.state(k), `${label} wrote nothing`).toEqual(before);
    }
  }
}

const onDocuments = { targets: SCHOOL_KEYS, place: (k: SchoolKey) => places[k] };
const onRoadmaps = { targets: ROADMAP_KEYS, place: (k: RoadmapKey) => roadmaps[k].place };
/** Profiles answer FORBIDDEN whether or not the participation is visible: access is asserted before anything is read. */
const onProfiles = (role: RoleKey) => ({
  targets: SCHOOL_KEYS,
  place: (k: SchoolKey) => places[k],
  refusedWith: () => (role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN"),
  state: (k: SchoolKey) => profileState(places[k].participationId!),
});

const uploadFile = () => ({ name: "Матрица.pdf", bytes: pdf("Матрица доступа") });

// ---------- zero leaks: every id in an answer lies inside the role's reach (facts from the database) ----------

const LEAK_TYPES = ["Participation", "Document", "DocumentVersion", "RiskProfile", "Roadmap", "Measure"] as const;
const placeSelect = { id: true, schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } } as const;
type PlaceRow = { id: string; schoolId: string; school: { municipalityId: string; municipality: { regionId: string } } };
const fromParticipation = (p: PlaceRow): Place => ({ participationId: p.id, schoolId: p.schoolId, municipalityId: p.school.municipalityId, regionId: p.school.municipality.regionId });
const fromRoadmap = (r: { participation: PlaceRow | null; municipality: { id: string; regionId: string } | null }): Place =>
  r.participation ? fromParticipation(r.participation) : { participationId: null, schoolId: null, municipalityId: r.municipality!.id, regionId: r.municipality!.regionId };
const roadmapSelect = { participation: { select: placeSelect }, municipality: { select: { id: true, regionId: true } } } as const;

async function placesOf(type: (typeof LEAK_TYPES)[number], ids: string[]): Promise<Map<string, Place>> {
  const where = { id: { in: ids } };
  const db = s.db;
  switch (type) {
    case "Participation":
      return new Map((await db.participation.findMany({ where, select: placeSelect })).map((p) => [p.id, fromParticipation(p)]));
    case "Document":
      return new Map((await db.document.findMany({ where, select: { id: true, participation: { select: placeSelect } } })).map((d) => [d.id, fromParticipation(d.participation)]));
    case "DocumentVersion":
      return new Map(
        (await db.documentVersion.findMany({ where, select: { id: true, document: { select: { participation: { select: placeSelect } } } } })).map((v) => [
          v.id,
          fromParticipation(v.document.participation),
        ]),
      );
    case "RiskProfile":
      return new Map((await db.riskProfile.findMany({ where, select: { id: true, participation: { select: placeSelect } } })).map((p) => [p.id, fromParticipation(p.participation)]));
    case "Roadmap":
      return new Map((await db.roadmap.findMany({ where, select: { id: true, ...roadmapSelect } })).map((r) => [r.id, fromRoadmap(r)]));
    case "Measure":
      return new Map((await db.measure.findMany({ where, select: { id: true, roadmap: { select: roadmapSelect } } })).map((m) => [m.id, fromRoadmap(m.roadmap)]));
  }
}

/** Walks an answer and checks every global id of school data against the role's reach. */
async function expectNoLeaks(role: RoleKey, data: unknown) {
  const found = new Map<string, Set<string>>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === "object") return Object.values(v).forEach(walk);
    if (typeof v !== "string") return;
    const decoded = Buffer.from(v, "base64").toString();
    const m = /^([A-Za-z]+):([0-9a-f-]{36})$/.exec(decoded);
    if (m && Buffer.from(decoded).toString("base64") === v && (LEAK_TYPES as readonly string[]).includes(m[1]!)) {
      if (!found.has(m[1]!)) found.set(m[1]!, new Set());
      found.get(m[1]!)!.add(m[2]!);
    }
  };
  walk(data);
  for (const [type, ids] of found) {
    const located = await placesOf(type as (typeof LEAK_TYPES)[number], [...ids]);
    for (const id of ids) expect(located.has(id) && seesPlace(role, located.get(id)!), `${role} must not get ${type} ${id}`).toBe(true);
  }
}

// ---------- subscriptions ----------

/**
 * Subscribes as `role` and fires `publish` until the first answer: an event, a refusal, or the socket
 * closed (anonymous: 4403). Publishing repeatedly avoids guessing when the subscription is registered.
 */
function watch(role: RoleKey, query: string, variables: Record<string, unknown>, publish: () => void) {
  const client = s.ws(tokens.get(role));
  return new Promise<{ data?: any; errors?: any[]; closed?: number; timedOut?: true }>((resolve) => {
    let dispose = () => {};
    const finish = (v: { data?: any; errors?: any[]; closed?: number; timedOut?: true }) => {
      clearTimeout(timer);
      clearInterval(ticker);
      dispose();
      resolve(v);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), 8000);
    const ticker = setInterval(publish, 150);
    dispose = client.subscribe(
      { query, variables },
      {
        next: (v) => finish(v as any),
        error: (e: any) => finish(Array.isArray(e) ? { errors: e } : { closed: e?.code }),
        complete: () => {},
      },
    );
  }).finally(() => client.dispose());
}

/** A signed-in-only query: anonymous gets UNAUTHENTICATED, everyone else an answer. */
const signedInOnly =
  (query: string, verify?: (data: any, role: RoleKey) => void): Check =>
  async (role) => {
    const r = await s.gql(query, {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    verify?.(r.data, role);
  };

/** A report by region: rows only of the regions the role's scope lies in; asking for the other region gives none. */
const reportRegions =
  (field: string): Check =>
  async (role) => {
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
const reportSchools =
  (field: string): Check =>
  async (role) => {
    const r = await s.gql(`{ ${field}(filter: { year: 2026 }, first: 500) { edges { node { school { id } } } } }`, {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const ids = [...new Set(r.data[field].edges.map((e: any) => Buffer.from(e.node.school.id, "base64").toString().split(":")[1]))] as string[];
    const rows = await s.db.school.findMany({ where: { id: { in: ids } }, select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } } });
    expect(rows).toHaveLength(ids.length);
    for (const x of rows) expect(seesSchool(role, { id: x.id, municipalityId: x.municipalityId, regionId: x.municipality.regionId }), `${role} gets ${x.id}`).toBe(true);
    if (role === "school.undino@demo.medk.ru") expect(ids).toEqual([schools.undino.id]);
  };

/** A mutation of the federal scoring: the federal coordinator succeeds, everyone else is refused. */
const federalOnly =
  (mutation: string, success: string): Check =>
  async (role) => {
    const r = await s.gql(mutation, {}, as(role));
    const field = Object.keys(r.data ?? {})[0];
    if (reach.get(role)!.all) expect(field && r.data[field].__typename, JSON.stringify(r.errors)).toBe(success);
    else expect(codeOf(r)).toBe(denied(role));
  };

const consultation = consultationMatrix({ s: () => s, as: (role) => as(role as RoleKey), who: (role) => reach.get(role as RoleKey)!, userId: (role) => userIds.get(role), decide, mutation });

const events = eventMatrix({
  s: () => s,
  as: (role) => as(role as RoleKey),
  who: (role) => reach.get(role as RoleKey)!,
  userId: (role) => userIds.get(role),
  mutation,
  upload: (token, query, variables, path, file) => uploadGql(s, token, query, variables, path, file),
});

const library = libraryMatrix({ s: () => s, as: (role) => as(role as RoleKey), who: (role) => reach.get(role as RoleKey)!, userId: (role) => userIds.get(role), mutation });
const pdfs = pdfMatrix({
  s: () => s,
  token: (role) => tokens.get(role as RoleKey),
  sees: (role, place) => seesPlace(role as RoleKey, place),
  roadmaps: () => roadmaps,
  schools: () => Object.fromEntries(SCHOOL_KEYS.map((k) => [k, places[k]])),
  reviewerId: () => userIds.get("fioco@demo.medk.ru")!,
});

const practice = practiceMatrix({ s: () => s, as: (role) => as(role as RoleKey), who: (role) => reach.get(role as RoleKey)!, userId: (role) => userIds.get(role), mutation });

const registry = registryMatrix<RoleKey>({
  s: () => s,
  as,
  who: (role) => who(role),
  userId: (email) => userIds.get(email)!,
  regions: () => regions,
  fresh: () => ({ fresh75: places.fresh75, fresh62: places.fresh62 }),
  undino: () => ({ ...places.undino, participationId: places.undino.participationId!, schoolId: places.undino.schoolId! }),
  seesPlace: (role, p) => seesPlace(role, p),
});
const programmeContext: ProgrammeMatrixContext<RoleKey> = {
  s: () => s,
  as,
  who: (role) => who(role),
  regions: () => regions,
  // Of the demo roles only region62@ lies in Рязанская область (the others work in Забайкальский край).
  inRegion62: (role) => reach.get(role)!.regionId === regions.r62,
};

const MATRIX: Record<string, Check> = {
  ...consultation.checks,
  ...registry,
  ...surveyMatrix<RoleKey>({ s: () => s, as, who: (role) => reach.get(role)!, factorId: () => yearFacts.factorIds[0]! }),
  ...programmeMatrix(programmeContext),
  // «500+» years: the federal coordinator only; «62+» years: also region 62's coordinator.
  updateProgrammeYear: async (role) => {
    await registry.updateProgrammeYear!(role);
    await regionalYearChecks(programmeContext, role);
  },
  ...events.checks,
  ...library.checks,
  ...practice.checks,
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
    for (const [code, id] of [
      [75, regions.r75],
      [62, regions.r62],
    ] as const) {
      const r = await s.gql("query($id: ID){ region(id: $id) { code } }", { id: gid("Region", id) }, as(role));
      if (role === "anonymous") {
        expect(codeOf(r)).toBe("UNAUTHENTICATED");
        continue;
      }
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
      where: {
        id: {
          in: [...got].map(
            (g) =>
              Buffer.from(g as string, "base64")
                .toString()
                .split(":")[1]!,
          ),
        },
      },
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
        if (role === "anonymous") {
          expect(codeOf(r)).toBe("UNAUTHENTICATED");
          continue;
        }
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

    // Documents, versions, profiles, roadmaps and measures by guessed id: only inside the reach.
    const probes: [string, string, boolean][] = [
      ...SCHOOL_KEYS.flatMap((k): [string, string, boolean][] => [
        ["Document", docs[k].draft, seesPlace(role, places[k])],
        ["DocumentVersion", docs[k].version, seesPlace(role, places[k])],
        ["RiskProfile", profiles[k], seesPlace(role, places[k])],
      ]),
      ...ROADMAP_KEYS.flatMap((k): [string, string, boolean][] => [
        ["Roadmap", roadmaps[k].id, seesPlace(role, roadmaps[k].place)],
        ["Measure", roadmaps[k].measure, seesPlace(role, roadmaps[k].place)],
      ]),
    ];
    for (const [type, id, visible] of probes) {
      const n = await s.gql("query($id: ID!){ node(id: $id) { id } }", { id: gid(type, id) }, as(role));
      if (role === "anonymous") {
        expect(codeOf(n)).toBe("UNAUTHENTICATED");
        continue;
      }
      if (visible) expect(n.data?.node?.id, `${role} node ${type} ${id}: ${JSON.stringify(n.errors)}`).toBe(gid(type, id));
      else {
        expect(n.data?.node ?? null, `${role} must not get ${type} ${id}`).toBeNull();
        expect(codeOf(n)).toBe("FORBIDDEN");
      }
    }

    // Nested edges: a school's participations with their documents, versions, reviews, roadmap and profile.
    const NESTED = `query($id: ID!){ node(id: $id) { ... on School { participations { id
      documents { id versions { id review { id } } reviews { id version { id } } latestVersion { id } }
      roadmap { id measures(first: 500) { edges { node { id } } } }
      riskProfile { id } } } } }`;
    for (const k of SCHOOL_KEYS) {
      const n = await s.gql(NESTED, { id: gid("School", schools[k].id) }, as(role));
      if (role === "anonymous") {
        expect(codeOf(n)).toBe("UNAUTHENTICATED");
        continue;
      }
      await expectNoLeaks(role, n.data);
      if (!seesSchool(role, schools[k])) {
        expect(n.data?.node ?? null).toBeNull();
        continue;
      }
      const part = n.data.node.participations.find((x: any) => x.id === gid("Participation", places[k].participationId!));
      expect(!!part, `${role} sees the participation of ${k}`).toBe(seesPlace(role, places[k]));
      if (!part) continue;
      expect(part.documents.map((d: any) => d.id)).toEqual(expect.arrayContaining([gid("Document", docs[k].draft), gid("Document", docs[k].submitted)]));
      expect(part.roadmap.measures.edges.map((e: any) => e.node.id)).toContain(gid("Measure", roadmaps[k].measure));
      expect(part.riskProfile.id).toBe(gid("RiskProfile", profiles[k]));
    }
    // A municipality's roadmap: only those with authority over the municipality, though its schools and curators see its name.
    for (const k of ["baley", "muni75", "muni62"] as const) {
      const pl = roadmaps[k].place;
      const n = await s.gql(
        "query($id: ID!){ node(id: $id) { ... on Municipality { roadmap(year: 2026) { id measures(first: 500) { edges { node { id } } } } } } }",
        { id: gid("Municipality", pl.municipalityId) },
        as(role),
      );
      if (role === "anonymous") {
        expect(codeOf(n)).toBe("UNAUTHENTICATED");
        continue;
      }
      await expectNoLeaks(role, n.data);
      expect(n.data?.node?.roadmap?.id ?? null, `${role} municipal roadmap of ${k}`).toBe(coversMunicipality(role, pl) ? gid("Roadmap", roadmaps[k].id) : null);
    }
  },
  nodes: async (role) => {
    const r = await s.gql("query($ids: [ID!]!){ nodes(ids: $ids) { id } }", { ids: [gid("School", schools.undino.id), gid("School", schools.r62.id)] }, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const got = (r.data?.nodes ?? []).map((n: any) => n?.id ?? null);
    expect(got[0] ?? null).toBe(seesSchool(role, schools.undino) ? gid("School", schools.undino.id) : null);
    expect(got[1] ?? null).toBe(seesSchool(role, schools.r62) ? gid("School", schools.r62.id) : null);
    // Documents and measures of both regions at once: each answered by its own reach.
    const ids = [gid("Document", docs.undino.draft), gid("Document", docs.r62.draft), gid("Measure", roadmaps.undino.measure), gid("Measure", roadmaps.r62.measure)];
    const rows = await s.gql("query($ids: [ID!]!){ nodes(ids: $ids) { id } }", { ids }, as(role));
    const answered = (rows.data?.nodes ?? []).map((n: any) => n?.id ?? null);
    const seen = [places.undino, places.r62, places.undino, places.r62].map((p) => seesPlace(role, p));
    expect(answered).toEqual(ids.map((id, i) => (seen[i] ? id : null)));
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
  search: async (role) => {
    const r = await s.gql("query($t: String!){ search(text: $t, first: 25) { schools { id } people { email } documents { id participation { id } } } }", { t: "СОШ" }, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    // Zero leaks: every school found lies inside the role's reach, every document too.
    const ids = r.data.search.schools.map((x: { id: string }) => Buffer.from(x.id, "base64").toString().split(":")[1]!);
    const rows = await s.db.school.findMany({ where: { id: { in: ids } }, select: { id: true, municipalityId: true, municipality: { select: { regionId: true } } } });
    for (const x of rows) expect(seesSchool(role, { id: x.id, municipalityId: x.municipalityId, regionId: x.municipality.regionId }), `${role} finds ${x.id}`).toBe(true);
    const undinoFound = r.data.search.schools.some((x: { id: string }) => x.id === gid("School", schools.undino.id));
    if (undinoFound) expect(seesSchool(role, schools.undino)).toBe(true);
    const own = await s.gql("query($t: String!){ search(text: $t) { people { email } } }", { t: role.split("@")[0]! }, as(role));
    expect(own.data.search.people.map((p: { email: string }) => p.email)).toContain(role);
    const docRows = await s.db.document.findMany({
      where: { id: { in: r.data.search.documents.map((d: { id: string }) => Buffer.from(d.id, "base64").toString().split(":")[1]!) } },
      select: { participationId: true, participation: { select: { schoolId: true, school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } } } },
    });
    for (const d of docRows) {
      const sc = { id: d.participation.schoolId, municipalityId: d.participation.school.municipalityId, regionId: d.participation.school.municipality.regionId };
      expect(seesParticipation(role, { id: d.participationId, schoolId: sc.id }, sc)).toBe(true);
    }
  },
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
    const r = await s.gql('mutation($e:String!){ signIn(email:$e,password:"demo-password"){ viewer { email } } }', { e: role });
    expect(r.data.signIn.viewer.email).toBe(role);
  },
  signOut: async (role) => {
    if (role === "anonymous") return expect((await s.gql("mutation { signOut }")).data.signOut).toBe(true);
    const token = await s.signIn(role); // a throwaway session, not the matrix one
    expect((await s.gql("mutation { signOut }", {}, { token })).data.signOut).toBe(true);
    expect((await s.gql("{ viewer { email } }", {}, { token })).data.viewer).toBeNull();
  },
  acceptInvitation: async (role) => {
    const r = await s.gql('mutation{ acceptInvitation(token:"aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb", password:"достаточно-длинный"){ ... on Error { code } } }', {}, as(role));
    expect(r.data?.acceptInvitation?.code, JSON.stringify(r.errors)).toBe("INVITATION_INVALID");
  },
  requestPasswordReset: async (role) => {
    // Public, and the same answer for any e-mail: nobody learns whether an account exists.
    const r = await s.gql(
      "mutation($e: String!){ requestPasswordReset(email: $e){ ... on MutationRequestPasswordResetSuccess { data } } }",
      { e: `matrix.${role.replace(/@.*/, "")}@nowhere.test` },
      as(role),
    );
    expect(r.data?.requestPasswordReset?.data, JSON.stringify(r.errors)).toBe(true);
  },
  resetPassword: async (role) => {
    const r = await s.gql('mutation{ resetPassword(token:"aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb", password:"достаточно-длинный"){ ... on Error { code } } }', {}, as(role));
    expect(r.data?.resetPassword?.code, JSON.stringify(r.errors)).toBe("RESET_LINK_INVALID");
  },
  updateProfile: async (role) => {
    // Only one's own profile: the name is written back unchanged, so other files see the demo world as it was.
    if (role === "anonymous") return expect(codeOf(await s.gql('mutation{ updateProfile(fullName: "Аноним Анонимов"){ id } }'))).toBe("UNAUTHENTICATED");
    const me = await s.db.user.findUniqueOrThrow({ where: { id: userIds.get(role)! } });
    const r = await s.gql("mutation($n: String!, $p: String){ updateProfile(fullName: $n, position: $p){ id fullName } }", { n: me.fullName, p: me.position }, as(role));
    expect(r.data?.updateProfile?.id, JSON.stringify(r.errors)).toBe(gid("User", me.id));
  },
  setNotificationPreferences: async (role) => {
    // Only one's own choices; «immediately» is the default, so setting it changes nothing for other files.
    const r = await s.gql("mutation{ setNotificationPreferences(preferences: [{ kind: DEADLINE_SOON, email: IMMEDIATE }]){ kind email } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.data.setNotificationPreferences.find((p: any) => p.kind === "DEADLINE_SOON").email).toBe("IMMEDIATE");
    const mine = await s.db.notificationPreference.findMany({ where: { kind: "DEADLINE_SOON", userId: userIds.get(role)! } });
    expect(mine).toHaveLength(1);
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
  updateUser: async (role) => {
    for (const [victim, allowed] of [
      [victims.undino, reach.get(role)!.all || ["region75@demo.medk.ru", "baley@demo.medk.ru"].includes(role)],
      [victims.r62, reach.get(role)!.all || role === "region62@demo.medk.ru"],
    ] as const) {
      // The same name again: the decision under test is who may edit the account.
      const r = await s.gql(
        "mutation($i: UpdateUserInput!){ updateUser(input: $i){ __typename ... on MutationUpdateUserSuccess { data { fullName } } ... on Error { code } } }",
        { i: { userId: gid("User", victim), fullName: "Жертва Матрицы" } },
        as(role),
      );
      if (allowed) expect(r.data?.updateUser?.data?.fullName, JSON.stringify(r.errors)).toBe("Жертва Матрицы");
      else expect(codeOf(r)).toBe(denied(role));
    }
  },
  changePassword: async (role) => {
    const r = await s.gql('mutation{ changePassword(currentPassword:"wrong", newPassword:"достаточно-длинный"){ ... on Error { code } } }', {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    expect(r.data.changePassword.code).toBe("WRONG_PASSWORD");
  },
  assignCurator: async (role) => {
    for (const [k, allowed] of [
      ["undino", reach.get(role)!.all || role === "region75@demo.medk.ru"],
      // curator1 works at a school of region 75: region 62's coordinator may not take it (README «Кто назначает кураторов»).
      ["r62", reach.get(role)!.all],
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
    for (const [k, allowed] of [["r62", reach.get(role)!.all || role === "region62@demo.medk.ru"]] as const) {
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
  reportRoadmapList: reportSchools("reportRoadmapList"),
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
  reportExportUrl: signedInOnly("{ reportExportUrl(report: DOCUMENTS, format: CSV, filter: { year: 2026 }) }", (d) => expect(d.reportExportUrl).toMatch(/^\/files\/reports\/documents\.csv\?q=/)),
  upsertScoringCriterion: federalOnly(
    `mutation { upsertScoringCriterion(input: { year: 2021, code: "MATRIX_PROBE", title: "Проба матрицы", metric: SHARE_DOCUMENTS_APPROVED, threshold: 0.5, points: 1 }) { __typename } }`,
    "MutationUpsertScoringCriterionSuccess",
  ),
  deleteScoringCriterion: async (role) => {
    const year = await s.db.programmeYear.findFirstOrThrow({ where: { year: 2021, programme: { regionId: null } } });
    const c = await s.db.scoringCriterion.create({
      data: { programmeYearId: year.id, code: `MATRIX_${Math.random().toString(36).slice(2, 8).toUpperCase()}`, title: "Проба", metric: "SHARE_DOCUMENTS_APPROVED", threshold: 0.5, points: 1 },
    });
    const r = await s.gql("mutation($id: ID!){ deleteScoringCriterion(id: $id) { __typename } }", { id: gid("ScoringCriterion", c.id) }, as(role));
    if (reach.get(role)!.all) expect(r.data?.deleteScoringCriterion?.__typename).toBe("MutationDeleteScoringCriterionSuccess");
    else expect(codeOf(r)).toBe(denied(role));
    expect(await s.db.scoringCriterion.count({ where: { id: c.id } })).toBe(reach.get(role)!.all ? 0 : 1);
  },
  setScoringZones: federalOnly(
    "mutation { setScoringZones(year: 2021, zones: [{ color: GREEN, minPoints: 5 }, { color: YELLOW, minPoints: 3 }, { color: RED, minPoints: 0 }]) { __typename } }",
    "MutationSetScoringZonesSuccess",
  ),
  saveRiskRecommendations: async (role) => {
    const f = yearFacts.factorIds[0]!;
    const text = `Рекомендация матрицы ${role}`;
    const r = await s.gql(
      "mutation($input: SaveRiskRecommendationsInput!){ saveRiskRecommendations(input: $input) { __typename } }",
      { input: { riskFactorId: gid("RiskFactor", f), medium: text } },
      as(role),
    );
    const written = await s.db.riskRecommendation.count({ where: { riskFactorId: f, text } });
    if (reach.get(role)!.all) {
      expect(r.data?.saveRiskRecommendations?.__typename, JSON.stringify(r.errors)).toBe("MutationSaveRiskRecommendationsSuccess");
      expect(written).toBe(1);
    } else {
      expect(codeOf(r)).toBe(denied(role));
      expect(written).toBe(0);
    }
  },
  saveRegionScores: federalOnly("mutation { saveRegionScores(year: 2021) { __typename } }", "MutationSaveRegionScoresSuccess"),

  // ---------- concept documents ----------
  document: async (role) => {
    for (const k of SCHOOL_KEYS) {
      const id = gid("Document", docs[k].draft);
      const r = await s.gql("query($id: ID!){ document(id: $id) { id versions { id } reviews { id } } }", { id }, as(role));
      if (role === "anonymous") {
        expect(codeOf(r)).toBe("UNAUTHENTICATED");
        continue;
      }
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data.document?.id ?? null, `${role} document of ${k}`).toBe(seesPlace(role, places[k]) ? id : null);
    }
  },
  documents: async (role) => {
    const q = "query($p: ID){ documents(first: 500, filter: { participationId: $p }) { totalCount edges { node { id participation { id } versions { id } } } } }";
    for (const k of SCHOOL_KEYS) {
      const r = await s.gql(q, { p: gid("Participation", places[k].participationId!) }, as(role));
      if (role === "anonymous") {
        expect(codeOf(r)).toBe("UNAUTHENTICATED");
        continue;
      }
      const ids = r.data.documents.edges.map((e: any) => e.node.id);
      if (seesPlace(role, places[k])) expect(ids, `${role} documents of ${k}`).toEqual(expect.arrayContaining([gid("Document", docs[k].draft), gid("Document", docs[k].submitted)]));
      else expect(r.data.documents.totalCount, `${role} documents of ${k}`).toBe(0);
    }
    if (role === "anonymous" || who(role).all) return;
    // Unfiltered: nothing outside the role's reach.
    const all = await s.gql("{ documents(first: 500) { edges { node { id participation { id } versions { id } } } } }", {}, as(role));
    await expectNoLeaks(role, all.data);
  },
  reviewQueue: async (role) => {
    for (const k of SCHOOL_KEYS) await resetDocument(docs[k].submitted, "SUBMITTED");
    const r = await s.gql("{ reviewQueue(first: 500) { edges { node { id status participation { id } } } } }", {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const ids = new Set(r.data.reviewQueue.edges.map((e: any) => e.node.id));
    for (const k of SCHOOL_KEYS) expect(ids.has(gid("Document", docs[k].submitted)), `${role} may decide on ${k}`).toBe(mayReview(role, places[k]));
    expect(r.data.reviewQueue.edges.every((e: any) => e.node.status === "SUBMITTED")).toBe(true);
    await expectNoLeaks(role, r.data);
  },
  roadmapReviewQueue: async (role) => {
    for (const k of ROADMAP_KEYS) await resetRoadmap(roadmaps[k].id, "SUBMITTED");
    try {
      const r = await s.gql("{ roadmapReviewQueue(first: 500) { totalCount edges { node { id status } } } }", {}, as(role));
      if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
      const ids = new Set(r.data.roadmapReviewQueue.edges.map((e: any) => e.node.id));
      for (const k of ROADMAP_KEYS) expect(ids.has(gid("Roadmap", roadmaps[k].id)), `${role} may decide on the roadmap of ${k}`).toBe(mayReviewRoadmap(role, roadmaps[k].place));
      expect(r.data.roadmapReviewQueue.edges.every((e: any) => e.node.status === "SUBMITTED")).toBe(true);
      expect(r.data.roadmapReviewQueue.totalCount).toBe(ids.size);
      await expectNoLeaks(role, r.data);
    } finally {
      for (const k of ROADMAP_KEYS) await resetRoadmap(roadmaps[k].id);
    }
  },
  uploadDocument: async (role) => {
    // Both ways of naming the document: by its id, and by participation, kind and risk (the first-upload form).
    for (const input of [
      (k: SchoolKey) => ({ documentId: gid("Document", docs[k].draft) }),
      (k: SchoolKey) => ({ participationId: gid("Participation", places[k].participationId!), kind: "ANTI_RISK_PROGRAMME", riskFactorId: gid("RiskFactor", docs[k].draftFactor) }),
    ])
      await decide(role, {
        ...onDocuments,
        field: "uploadDocument",
        allowed: (k) => mayUpload(role, places[k]),
        prepare: (k) => resetDocument(docs[k].draft, "DRAFT"),
        state: (k) => documentState(docs[k].draft),
        call: (k) => upload(s, tokens.get(role) ?? null, input(k), uploadFile()),
        granted: async (data, k, before) => {
          expect(data.id).toBe(gid("Document", docs[k].draft));
          expect((await documentState(docs[k].draft)).versions).toBe(before.versions + 1);
        },
      });
  },
  submitDocument: (role) =>
    decide(role, {
      ...onDocuments,
      field: "submitDocument",
      allowed: (k) => mayUpload(role, places[k]),
      prepare: (k) => resetDocument(docs[k].draft, "DRAFT"),
      state: (k) => documentState(docs[k].draft),
      call: (k) => s.gql(mutation("submitDocument", "$id: ID!", "id: $id", "id status"), { id: gid("Document", docs[k].draft) }, as(role)),
      granted: (data) => expect(data.status).toBe("SUBMITTED"),
    }),
  approveDocument: (role) =>
    decide(role, {
      ...onDocuments,
      field: "approveDocument",
      allowed: (k) => mayReview(role, places[k]),
      prepare: (k) => resetDocument(docs[k].submitted, "SUBMITTED"),
      state: (k) => documentState(docs[k].submitted),
      call: (k) => s.gql(mutation("approveDocument", "$id: ID!", "id: $id", "id status reviews { id }"), { id: gid("Document", docs[k].submitted) }, as(role)),
      granted: (data) => expect([data.status, data.reviews.length]).toEqual(["APPROVED", 1]),
    }),
  returnDocument: (role) =>
    decide(role, {
      ...onDocuments,
      field: "returnDocument",
      allowed: (k) => mayReview(role, places[k]),
      prepare: (k) => resetDocument(docs[k].submitted, "SUBMITTED"),
      state: (k) => documentState(docs[k].submitted),
      call: (k) => s.gql(mutation("returnDocument", "$id: ID!", 'id: $id, comment: "Матрица доступа: доработать"', "id status reviews { id }"), { id: gid("Document", docs[k].submitted) }, as(role)),
      granted: (data) => expect([data.status, data.reviews.length]).toEqual(["RETURNED", 1]),
    }),
  documentUpdated: async (role) => {
    for (const k of SCHOOL_KEYS) {
      const id = docs[k].draft;
      const got = await watch(role, "subscription($id: ID!){ documentUpdated(id: $id) { id versions { id } } }", { id: gid("Document", id) }, () =>
        s.app.pubsub.publish("document:updated", id, { documentId: id }),
      );
      const label = `${role} watches the document of ${k}`;
      if (role === "anonymous") expect(got.closed, label).toBe(4403);
      else if (seesPlace(role, places[k])) expect(got.data?.documentUpdated?.id, `${label}: ${JSON.stringify(got)}`).toBe(gid("Document", id));
      else {
        expect(got.data?.documentUpdated ?? null, label).toBeNull();
        expect(got.errors?.[0]?.extensions?.code, `${label}: ${JSON.stringify(got)}`).toBe("NOT_FOUND");
      }
    }
  },

  // ---------- risk profiles ----------
  loadRiskProfile: async (role) => {
    const entries = (leave?: string) => yearFacts.factorIds.filter((f) => f !== leave).map((f) => ({ riskFactorId: gid("RiskFactor", f), significance: "MEDIUM", explanation: "Матрица доступа" }));
    const LOAD = mutation("loadRiskProfile", "$input: LoadRiskProfileInput!", "input: $input", "id entries { id }");
    // Demo profiles: a profile missing a factor passes the access check only to be refused by validation, so nothing is written.
    await decide(role, {
      ...onProfiles(role),
      field: "loadRiskProfile",
      allowed: (k) => mayLoadProfile(role, places[k]),
      grantedAs: "UNKNOWN_RISK_FACTOR",
      call: (k) => s.gql(LOAD, { input: { participationId: gid("Participation", places[k].participationId!), entries: entries(yearFacts.factorIds[0]) } }, as(role)),
    });
    // Participations of our own: a whole profile is loaded.
    await decide(role, {
      ...onProfiles(role),
      targets: FRESH_KEYS,
      place: (k) => places[k],
      state: (k) => profileState(places[k].participationId!),
      field: "loadRiskProfile",
      allowed: (k) => mayLoadProfile(role, places[k]),
      call: (k) => s.gql(LOAD, { input: { participationId: gid("Participation", places[k].participationId!), entries: entries() } }, as(role)),
      granted: (data) => expect(data.entries).toHaveLength(yearFacts.factorIds.length),
    });
  },
  confirmRiskProfile: (role) =>
    decide(role, {
      ...onProfiles(role),
      field: "confirmRiskProfile",
      allowed: (k) => partiesOf(role, places[k]).length > 0,
      call: (k) => s.gql(mutation("confirmRiskProfile", "$p: ID!", "participationId: $p", "id missingParties"), { p: gid("Participation", places[k].participationId!) }, as(role)),
      granted: (data, k) => expect(data.missingParties).not.toContain(partiesOf(role, places[k])[0]),
      // Ундино-Посельская's profile waits for the municipality in the demo: the coordinator's confirmation is taken back.
      undo: (k, before) => restoreProfile(places[k].participationId!, before),
    }),
  setRiskChoice: (role) =>
    decide(role, {
      ...onProfiles(role),
      field: "setRiskChoice",
      allowed: (k) => mayEditProfile(role, places[k]),
      // The risks already chosen, again (with a reason, which verified profiles require): nothing changes but the history.
      call: async (k) => {
        const chosen = (await profileState(places[k].participationId!))!.entries.filter((e) => e.chosen).map((e) => gid("RiskFactor", e.riskFactorId));
        return s.gql(
          mutation("setRiskChoice", "$p: ID!, $ids: [ID!]!", 'participationId: $p, riskFactorIds: $ids, reason: "Матрица доступа"', "id entries { chosen }"),
          { p: gid("Participation", places[k].participationId!), ids: chosen },
          as(role),
        );
      },
      granted: async (data, k, before) => expect(data.entries.filter((e: any) => e.chosen)).toHaveLength(before!.entries.filter((e) => e.chosen).length),
    }),
  updateRiskSignificance: (role) =>
    decide(role, {
      ...onProfiles(role),
      field: "updateRiskSignificance",
      allowed: (k) => mayEditProfile(role, places[k]),
      // The significance a factor already has, again.
      call: async (k) => {
        const e = (await profileState(places[k].participationId!))!.entries[0]!;
        const input = { participationId: gid("Participation", places[k].participationId!), riskFactorId: gid("RiskFactor", e.riskFactorId), significance: e.significance, reason: "Матрица доступа" };
        return s.gql(mutation("updateRiskSignificance", "$input: UpdateRiskSignificanceInput!", "input: $input", "id"), { input }, as(role));
      },
      granted: async (_data, k, before) => expect((await profileState(places[k].participationId!))!.entries).toEqual(before!.entries),
    }),

  // ---------- roadmaps ----------
  roadmap: async (role) => {
    const q = "query($id: ID, $p: ID, $m: ID, $y: Int){ roadmap(id: $id, participationId: $p, municipalityId: $m, year: $y) { id measures(first: 500) { edges { node { id } } } } }";
    for (const k of ROADMAP_KEYS) {
      const rm = roadmaps[k];
      const owner = rm.place.participationId ? { p: gid("Participation", rm.place.participationId) } : { m: gid("Municipality", rm.place.municipalityId), y: 2026 };
      for (const vars of [{ id: gid("Roadmap", rm.id) }, owner]) {
        const r = await s.gql(q, vars, as(role));
        if (role === "anonymous") {
          expect(codeOf(r)).toBe("UNAUTHENTICATED");
          continue;
        }
        const visible = seesPlace(role, rm.place);
        expect(r.data.roadmap?.id ?? null, `${role} roadmap of ${k}`).toBe(visible ? gid("Roadmap", rm.id) : null);
        if (visible) expect(r.data.roadmap.measures.edges.map((e: any) => e.node.id)).toContain(gid("Measure", rm.measure));
      }
    }
  },
  municipalRoadmaps: async (role) => {
    const q = "query($r: [ID!]){ municipalRoadmaps(year: 2026, regionIds: $r, first: 500) { totalCount edges { node { id municipality { id } measures(first: 3) { edges { node { id } } } } } } }";
    const r = await s.gql(q, {}, as(role));
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    await expectNoLeaks(role, r.data);
    const got = new Set(r.data.municipalRoadmaps.edges.map((e: any) => e.node.id));
    expect(r.data.municipalRoadmaps.totalCount).toBe(got.size);
    for (const k of ["baley", "muni75", "muni62"] as const)
      expect(got.has(gid("Roadmap", roadmaps[k].id)), `${role} lists the municipal roadmap of ${k}`).toBe(coversMunicipality(role, roadmaps[k].place));
    // Asking for the other region narrows, never widens.
    const other = await s.gql(q, { r: [gid("Region", regions.r62)] }, as(role));
    const ids = other.data.municipalRoadmaps.edges.map((e: any) => e.node.id);
    expect(ids.includes(gid("Roadmap", roadmaps.muni62.id))).toBe(coversMunicipality(role, roadmaps.muni62.place));
    expect(ids).not.toContain(gid("Roadmap", roadmaps.baley.id));
  },
  reportMunicipalRoadmaps: async (role) => {
    const ms = (["baley", "muni75", "muni62"] as const).map((k) => roadmaps[k].place);
    const r = await s.gql(
      "query($f: ReportFilter!){ reportMunicipalRoadmaps(filter: $f) { municipalities roadmaps } }",
      { f: { year: 2026, municipalityIds: ms.map((p) => gid("Municipality", p.municipalityId)) } },
      as(role),
    );
    if (role === "anonymous") return expect(codeOf(r)).toBe("UNAUTHENTICATED");
    const covered = ms.filter((p) => coversMunicipality(role, p)).length;
    expect(r.data.reportMunicipalRoadmaps, role).toEqual({ municipalities: covered, roadmaps: covered });
  },
  createMeasure: async (role) => {
    const CREATE = mutation("createMeasure", "$input: CreateMeasureInput!", "input: $input", "id roadmap { id }");
    const owner = (k: RoadmapKey) => {
      const p = roadmaps[k].place;
      return p.participationId ? { participationId: gid("Participation", p.participationId) } : { municipalityId: gid("Municipality", p.municipalityId), year: 2026 };
    };
    // The roadmap by id, and by its owner (participation, or municipality and year).
    for (const target of [(k: RoadmapKey) => ({ roadmapId: gid("Roadmap", roadmaps[k].id) }), owner])
      await decide(role, {
        ...onRoadmaps,
        field: "createMeasure",
        allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
        state: (k) => roadmapOrder(roadmaps[k].id),
        call: (k) => s.gql(CREATE, { input: { ...target(k), title: CREATED_MEASURE, periodLabel: "в течение всего периода" } }, as(role)),
        granted: (data, k) => expect(data.roadmap.id).toBe(gid("Roadmap", roadmaps[k].id)),
        undo: (k) => deleteMeasures({ roadmapId: roadmaps[k].id, title: CREATED_MEASURE }),
      });
  },
  updateMeasure: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "updateMeasure",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetMeasure(roadmaps[k].measure),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) =>
        s.gql(
          mutation("updateMeasure", "$input: UpdateMeasureInput!", "input: $input", "id description"),
          { input: { id: gid("Measure", roadmaps[k].measure), description: `Правка: ${role}` } },
          as(role),
        ),
      granted: (data) => expect(data.description).toBe(`Правка: ${role}`),
    }),
  reportMeasureProgress: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "reportMeasureProgress",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetMeasure(roadmaps[k].measure),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) =>
        s.gql(
          mutation("reportMeasureProgress", "$input: ReportMeasureProgressInput!", "input: $input", "id status"),
          { input: { id: gid("Measure", roadmaps[k].measure), status: "IN_PROGRESS" } },
          as(role),
        ),
      granted: (data) => expect(data.status).toBe("IN_PROGRESS"),
    }),
  cancelMeasure: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "cancelMeasure",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetMeasure(roadmaps[k].measure),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) => s.gql(mutation("cancelMeasure", "$id: ID!", 'id: $id, reason: "Матрица доступа"', "id status"), { id: gid("Measure", roadmaps[k].measure) }, as(role)),
      granted: (data) => expect(data.status).toBe("CANCELLED"),
      undo: (k) => resetMeasure(roadmaps[k].measure),
    }),
  reorderMeasures: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "reorderMeasures",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      state: (k) => roadmapOrder(roadmaps[k].id),
      // The order the roadmap already has: allowed is a success that changes nothing.
      call: async (k) => {
        const ids = (await roadmapOrder(roadmaps[k].id)).map((x) => gid("Measure", x.split(":")[1]!));
        return s.gql(mutation("reorderMeasures", "$r: ID!, $ids: [ID!]!", "roadmapId: $r, measureIds: $ids", "id"), { r: gid("Roadmap", roadmaps[k].id), ids }, as(role));
      },
      granted: async (data, k, before) => {
        expect(data.id).toBe(gid("Roadmap", roadmaps[k].id));
        expect(await roadmapOrder(roadmaps[k].id)).toEqual(before);
      },
    }),
  confirmMeasure: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "confirmMeasure",
      allowed: (k) => mayReviewRoadmap(role, roadmaps[k].place),
      prepare: (k) => doneMeasure(roadmaps[k].measure),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) => s.gql(mutation("confirmMeasure", "$id: ID!", "id: $id", "id verification"), { id: gid("Measure", roadmaps[k].measure) }, as(role)),
      granted: (data) => expect(data.verification).toBe("CONFIRMED"),
      undo: (k) => resetMeasure(roadmaps[k].measure),
    }),
  returnMeasure: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "returnMeasure",
      allowed: (k) => mayReviewRoadmap(role, roadmaps[k].place),
      prepare: (k) => doneMeasure(roadmaps[k].measure),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) => s.gql(mutation("returnMeasure", "$id: ID!", 'id: $id, comment: "Матрица доступа: доработать"', "id status verification"), { id: gid("Measure", roadmaps[k].measure) }, as(role)),
      granted: (data) => expect(data).toMatchObject({ status: "IN_PROGRESS", verification: "RETURNED" }),
      undo: (k) => resetMeasure(roadmaps[k].measure),
    }),
  commentMeasure: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "commentMeasure",
      allowed: (k) => mayComment(role, roadmaps[k].place),
      state: (k) => measureState(roadmaps[k].measure),
      call: (k) => s.gql(mutation("commentMeasure", "$id: ID!", 'id: $id, body: "Матрица доступа: комментарий"', "id comments { body }"), { id: gid("Measure", roadmaps[k].measure) }, as(role)),
      granted: (data) => expect(data.comments.at(-1).body).toBe("Матрица доступа: комментарий"),
    }),
  addMeasureEvidence: async (role) => {
    const EVIDENCE = mutation("addMeasureEvidence", "$id: ID!, $url: String, $file: File", "measureId: $id, url: $url, file: $file", "id evidence { id }");
    // A link, and a file (multipart).
    for (const send of [
      (k: RoadmapKey) => s.gql(EVIDENCE, { id: gid("Measure", roadmaps[k].measure), url: "https://example.ru/matrix" }, as(role)),
      (k: RoadmapKey) => uploadGql(s, tokens.get(role) ?? null, EVIDENCE, { id: gid("Measure", roadmaps[k].measure), file: null }, "file", uploadFile()),
    ])
      await decide(role, {
        ...onRoadmaps,
        field: "addMeasureEvidence",
        allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
        prepare: (k) => resetMeasure(roadmaps[k].measure),
        state: (k) => measureState(roadmaps[k].measure),
        call: send,
        granted: (data, _k, before) => expect(data.evidence).toHaveLength(before.evidence + 1),
      });
  },
  importRoadmap: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "importRoadmap",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      state: (k) => roadmapOrder(roadmaps[k].id),
      call: (k) =>
        uploadGql(
          s,
          tokens.get(role) ?? null,
          mutation("importRoadmap", "$input: ImportRoadmapInput!", "input: $input", "imported roadmap { id }"),
          { input: { roadmapId: gid("Roadmap", roadmaps[k].id), file: null } },
          "input.file",
          {
            name: "Матрица.xlsx",
            bytes: roadmapXlsx,
          },
        ),
      granted: (data, k) => expect(data).toEqual({ imported: 1, roadmap: { id: gid("Roadmap", roadmaps[k].id) } }),
      undo: (k) => deleteMeasures({ roadmapId: roadmaps[k].id, title: IMPORTED_MEASURE }),
    }),
  submitRoadmap: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "submitRoadmap",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetRoadmap(roadmaps[k].id),
      state: (k) => roadmapReviewState(roadmaps[k].id),
      call: (k) => s.gql(mutation("submitRoadmap", "$id: ID!", "id: $id", "id status versions { number }"), { id: gid("Roadmap", roadmaps[k].id) }, as(role)),
      granted: (data) => expect([data.status, data.versions.length]).toEqual(["SUBMITTED", 1]),
      undo: (k) => resetRoadmap(roadmaps[k].id),
    }),
  approveRoadmap: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "approveRoadmap",
      allowed: (k) => mayReviewRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetRoadmap(roadmaps[k].id, "SUBMITTED"),
      state: (k) => roadmapReviewState(roadmaps[k].id),
      call: (k) => s.gql(mutation("approveRoadmap", "$id: ID!", "id: $id", "id status versions { review { decision } }"), { id: gid("Roadmap", roadmaps[k].id) }, as(role)),
      granted: (data) => expect([data.status, data.versions[0].review.decision]).toEqual(["APPROVED", "APPROVED"]),
      undo: (k) => resetRoadmap(roadmaps[k].id),
    }),
  returnRoadmap: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "returnRoadmap",
      allowed: (k) => mayReviewRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetRoadmap(roadmaps[k].id, "SUBMITTED"),
      state: (k) => roadmapReviewState(roadmaps[k].id),
      call: (k) =>
        s.gql(mutation("returnRoadmap", "$id: ID!", 'id: $id, comment: "Матрица доступа: доработать"', "id status versions { review { comment } }"), { id: gid("Roadmap", roadmaps[k].id) }, as(role)),
      granted: (data) => expect([data.status, data.versions[0].review.comment]).toEqual(["RETURNED", "Матрица доступа: доработать"]),
      undo: (k) => resetRoadmap(roadmaps[k].id),
    }),
  requestRoadmapHelp: (role) =>
    decide(role, {
      ...onRoadmaps,
      field: "requestRoadmapHelp",
      allowed: (k) => mayEditRoadmap(role, roadmaps[k].place),
      prepare: (k) => resetRoadmap(roadmaps[k].id),
      state: (k) => roadmapReviewState(roadmaps[k].id),
      call: (k) => s.gql(mutation("requestRoadmapHelp", "$id: ID!", "id: $id, requested: true", "id editHelpRequested"), { id: gid("Roadmap", roadmaps[k].id) }, as(role)),
      granted: (data) => expect(data.editHelpRequested).toBe(true),
      undo: (k) => resetRoadmap(roadmaps[k].id),
    }),
  roadmapUpdated: async (role) => {
    for (const k of ROADMAP_KEYS) {
      const id = roadmaps[k].id;
      const got = await watch(role, "subscription($id: ID!){ roadmapUpdated(id: $id) { id measures(first: 500) { edges { node { id } } } } }", { id: gid("Roadmap", id) }, () =>
        s.app.pubsub.publish("roadmap:updated", id, { roadmapId: id }),
      );
      const label = `${role} watches the roadmap of ${k}`;
      if (role === "anonymous") expect(got.closed, label).toBe(4403);
      else if (seesPlace(role, roadmaps[k].place)) expect(got.data?.roadmapUpdated?.id, `${label}: ${JSON.stringify(got)}`).toBe(gid("Roadmap", id));
      else {
        expect(got.data?.roadmapUpdated ?? null, label).toBeNull();
        expect(got.errors?.[0]?.extensions?.code, `${label}: ${JSON.stringify(got)}`).toBe("FORBIDDEN");
      }
    }
  },
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

  for (const role of ROLES) it(`${role}: PDF downloads (/files/pdf/…) answer as the pages they print`, () => pdfs.check(role));

  it("notificationReceived: each signed-in role gets exactly its own events; anonymous is closed with 4403", async () => {
    const anon = s.ws();
    await expect(nextEvents(anon, "subscription { notificationReceived { title } }", 1, 3000)).rejects.toMatchObject({ code: 4403 });
    const signed = ROLES.filter((r) => r !== "anonymous");
    const received = new Map<RoleKey, string[]>();
    const disposers = signed.map((role) => {
      received.set(role, []);
      return s
        .ws(tokens.get(role))
        .subscribe<{ notificationReceived: { title: string } }>(
          { query: "subscription { notificationReceived { title } }" },
          { next: (v) => received.get(role)!.push(v.data!.notificationReceived.title), error: () => {}, complete: () => {} },
        );
    });
    await new Promise((r) => setTimeout(r, 500));
    const { writeNotifications } = await import("../../../api/src/modules/notification/service.ts");
    const publish = await writeNotifications(
      s.db,
      signed.map((role) => ({ recipientId: userIds.get(role)!, kind: "DEADLINE_SOON" as const, title: `live ${role}` })),
    );
    publish(s.app.pubsub);
    await new Promise((r) => setTimeout(r, 800));
    for (const role of signed) expect(received.get(role), role).toEqual([`live ${role}`]);
    disposers.forEach((d) => d());
  });
});

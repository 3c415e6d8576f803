// A small hand-built world whose report figures are known in advance. It lives in a region of its own
// (each test file passes a different code) in a past programme year (2023: the documents deadline,
// 30 April 2023, has passed, so "overdue" does not depend on the day the tests run).
//
//   municipality M1 ─ school S1, participation P1 (PARTICIPATING, curator C1, verified profile,
//                     inactive for 40 days)
//                   ─ school S2, participation P2 (LEFT_LOW_RESULTS, no curator, no profile, active)
//   municipality M2 ─ school S3, participation P3 (WITHDRAWN, curator C1, unverified profile)
//
// Documents (owed: concept + medium-term + one anti-risk programme per chosen factor):
//   P1  CONCEPT approved (submitted 1 Mar, approved 3 Mar: 2 days); MEDIUM_TERM returned (10→14 Mar: 4 days);
//       ANTI_RISK f1 submitted 20 Apr (waiting); ANTI_RISK f2 missing; ANTI_RISK f3 draft (f3 not chosen: not owed)
//   P2  CONCEPT draft; MEDIUM_TERM approved after a return (1→2 Feb returned: 1 day; 10→20 Feb approved: 10 days)
//   P3  nothing uploaded (owes 2: concept, medium-term; its factor is not chosen)
// Measures (region time zone Asia/Anadyr, UTC+12):
//   P1  m1 due 10 May, done 10 May 11:00Z (23:00 local): on time, indicator 0→10, actual 12 (100 %)
//       m2 due 10 May, done 10 May 13:00Z (11 May 01:00 local): late, indicator 50→100, actual 75 (50 %)
//       m3 due 1 Jun, in progress: overdue, indicator target 10, no actual (0 %)
//       m4 due 1 Jun, cancelled; m5 no due date, planned
//   P2  m6 due 1 Sep, planned: overdue
// Roadmaps (due 31 May 2023): P1 approved once (now a draft again), P2 returned, P3 none.
import { randomUUID } from "node:crypto";
import type { DB } from "../../../api/src/db.ts";
import { seedWorld, type World } from "../../testkit/seed.ts";

export const YEAR = 2023;
const at = (iso: string) => new Date(iso);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface ReportWorld extends World {
  m1: string;
  m2: string;
  s1: string;
  s2: string;
  s3: string;
  p1: string;
  p2: string;
  p3: string;
  curatorId: string;
  factors: Record<1 | 2 | 3, string>;
  regionCode: number;
}

export async function buildReportWorld(db: DB, regionCode: number): Promise<ReportWorld> {
  const w = await seedWorld(db, { regionCode, year: YEAR });
  const t = randomUUID().slice(0, 8);
  const yearRow = await db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } }, include: { riskFactors: { where: { number: { in: [1, 2, 3] } } } } });
  const factor = (n: number) => yearRow.riskFactors.find((f) => f.number === n)!.id;
  const factors = { 1: factor(1), 2: factor(2), 3: factor(3) };
  const now = Date.now();

  const s2 = await db.school.create({ data: { municipalityId: w.municipalityId, fullName: `Школа-2 ${t}`, shortName: `МКОУ «Вторая ${t}»` } });
  const m2 = await db.municipality.create({ data: { regionId: w.regionId, name: `Второй район ${t}` } });
  const s3 = await db.school.create({ data: { municipalityId: m2.id, fullName: `Школа-3 ${t}`, shortName: `МКОУ «Третья ${t}»` } });
  await db.participation.update({ where: { id: w.participationId }, data: { lastActivityAt: new Date(now - 40 * 86_400_000) } });
  const p2 = await db.participation.create({
    data: { schoolId: s2.id, programmeYearId: w.programmeYearId, status: "LEFT_LOW_RESULTS", lastActivityAt: new Date(now - 5 * 86_400_000) },
  });
  const p3 = await db.participation.create({ data: { schoolId: s3.id, programmeYearId: w.programmeYearId, status: "WITHDRAWN" } });
  await db.curatorAssignment.create({ data: { curatorId: w.users.curator.id, participationId: p3.id } });

  await db.riskProfile.create({
    data: {
      participationId: w.participationId,
      verifiedAt: at("2023-02-15T00:00:00Z"),
      entries: {
        create: [
          { riskFactorId: factors[1], significance: "HIGH", chosen: true },
          { riskFactorId: factors[2], significance: "MEDIUM", chosen: true },
          { riskFactorId: factors[3], significance: "LOW", chosen: false },
        ],
      },
    },
  });
  await db.riskProfile.create({ data: { participationId: p3.id, entries: { create: [{ riskFactorId: factors[1], significance: "HIGH", chosen: false }] } } });

  const file = await db.storedFile.create({
    data: { sha256: "a".repeat(64), size: 10, mediaType: "application/pdf", originalName: "test.pdf" },
  });
  const reviewer = w.users.curator.id;
  const uploader = w.users.school.id;
  /** A document with its versions: each version submitted at `submitted` and, when given, decided at `decided`. */
  const document = async (
    participationId: string,
    kind: "CONCEPT" | "MEDIUM_TERM_PROGRAMME" | "ANTI_RISK_PROGRAMME",
    riskFactorId: string | null,
    status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED",
    versions: { submitted?: string; decided?: string; decision?: "APPROVED" | "RETURNED" }[],
  ) => {
    const last = versions.at(-1)!;
    const d = await db.document.create({
      data: {
        participationId,
        kind,
        riskFactorId,
        status,
        submittedAt: last.submitted ? at(last.submitted) : null,
        decidedAt: last.decided ? at(last.decided) : null,
      },
    });
    for (const [i, v] of versions.entries()) {
      const version = await db.documentVersion.create({
        data: {
          documentId: d.id,
          number: i + 1,
          fileId: file.id,
          uploadedById: uploader,
          submittedAt: v.submitted ? at(v.submitted) : null,
          submittedById: v.submitted ? uploader : null,
        },
      });
      if (v.decided)
        await db.review.create({
          data: {
            documentId: d.id,
            versionId: version.id,
            decision: v.decision!,
            comment: v.decision === "RETURNED" ? "Доработать" : null,
            reviewerId: reviewer,
            createdAt: at(v.decided),
          },
        });
    }
  };
  const p1 = w.participationId;
  await document(p1, "CONCEPT", null, "APPROVED", [{ submitted: "2023-03-01T10:00:00Z", decided: "2023-03-03T10:00:00Z", decision: "APPROVED" }]);
  await document(p1, "MEDIUM_TERM_PROGRAMME", null, "RETURNED", [{ submitted: "2023-03-10T00:00:00Z", decided: "2023-03-14T00:00:00Z", decision: "RETURNED" }]);
  await document(p1, "ANTI_RISK_PROGRAMME", factors[1], "SUBMITTED", [{ submitted: "2023-04-20T00:00:00Z" }]);
  await document(p1, "ANTI_RISK_PROGRAMME", factors[3], "DRAFT", [{}]);
  await document(p2.id, "CONCEPT", null, "DRAFT", [{}]);
  await document(p2.id, "MEDIUM_TERM_PROGRAMME", null, "APPROVED", [
    { submitted: "2023-02-01T00:00:00Z", decided: "2023-02-02T00:00:00Z", decision: "RETURNED" },
    { submitted: "2023-02-10T00:00:00Z", decided: "2023-02-20T00:00:00Z", decision: "APPROVED" },
  ]);

  const roadmap = async (participationId: string) => db.roadmap.create({ data: { programmeYearId: w.programmeYearId, participationId, title: "Дорожная карта" } });
  const r1 = await roadmap(p1);
  const r2 = await roadmap(p2.id);
  let position = 0;
  const measure = (roadmapId: string, m: Record<string, unknown>) => db.measure.create({ data: { roadmapId, position: ++position, title: `Мероприятие ${position}`, responsible: [], ...m } });
  await measure(r1.id, { dueDate: day("2023-05-10"), status: "DONE", completedAt: at("2023-05-10T11:00:00Z"), baselineValue: 0, targetValue: 10, actualValue: 12, riskFactorId: factors[1] });
  await measure(r1.id, { dueDate: day("2023-05-10"), status: "DONE", completedAt: at("2023-05-10T13:00:00Z"), baselineValue: 50, targetValue: 100, actualValue: 75, riskFactorId: factors[2] });
  await measure(r1.id, { dueDate: day("2023-06-01"), status: "IN_PROGRESS", targetValue: 10 });
  await measure(r1.id, { dueDate: day("2023-06-01"), status: "CANCELLED", cancelReason: "Не требуется" });
  await measure(r1.id, { status: "PLANNED", periodLabel: "в течение всего периода" });
  await measure(r2.id, { dueDate: day("2023-09-01"), status: "PLANNED" });

  // The roadmaps' review (year deadline 31 May 2023): P1 returned, then approved, then changed (a draft
  // again, but the deadline was met); P2 returned and not sent again (overdue); P3 has none (overdue).
  const review = async (roadmapId: string, number: number, decision: "APPROVED" | "RETURNED", submitted: string) => {
    const v = await db.roadmapVersion.create({ data: { roadmapId, number, measures: [], submittedAt: at(submitted), submittedById: w.users.school.id } });
    await db.roadmapReview.create({
      data: { roadmapId, versionId: v.id, decision, comment: decision === "RETURNED" ? "Уточните сроки" : null, reviewerId: w.users.curator.id, createdAt: at(submitted) },
    });
  };
  await review(r1.id, 1, "RETURNED", "2023-05-01T00:00:00Z");
  await review(r1.id, 2, "APPROVED", "2023-05-20T00:00:00Z");
  await db.roadmap.update({ where: { id: r1.id }, data: { status: "DRAFT" } });
  await review(r2.id, 1, "RETURNED", "2023-05-25T00:00:00Z");
  await db.roadmap.update({ where: { id: r2.id }, data: { status: "RETURNED" } });

  return {
    ...w,
    regionCode,
    m1: w.municipalityId,
    m2: m2.id,
    s1: w.schoolId,
    s2: s2.id,
    s3: s3.id,
    p1,
    p2: p2.id,
    p3: p3.id,
    curatorId: w.users.curator.id,
    factors,
  };
}

/** A regional coordinator of `regionId` (password TEST_PASSWORD). */
export async function regionalCoordinator(db: DB, regionId: string) {
  const { TEST_PASSWORD } = await import("../../testkit/seed.ts");
  const { hash } = await import("@node-rs/argon2");
  const email = `region.${randomUUID().slice(0, 8)}@test.medk.ru`;
  await db.user.create({
    data: { email, fullName: "Региональный координатор (тест)", passwordHash: await hash(TEST_PASSWORD), roles: { create: { role: "REGIONAL_COORDINATOR", regionId } } },
  });
  return email;
}

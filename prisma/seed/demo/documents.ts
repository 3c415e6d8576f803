// Concept documents of the demo participations, in every status. A document is written with its whole
// history, and only when it does not exist yet.
import type { DocumentKind } from "../../generated/client/client.ts";
import { utcDate } from "../lib/dates.ts";
import { inParallel } from "../lib/ensure.ts";
import { curatorOf, schoolAccountOf } from "./accounts.ts";
import { idOf, type DemoContext } from "./context.ts";
import { documentWrites, storeVersions, type Step } from "./document-history.ts";
import { CURRENT_PARTICIPANTS, CURRENT_YEAR, DEMO_SCHOOLS, participationKey } from "./world.ts";

const RETURN_COMMENTS = [
  "Концепция не опирается на результаты диагностики: добавьте анализ рискового профиля и обоснуйте выбор факторов риска.",
  "В программе нет измеримых показателей. Укажите целевые значения и сроки по каждой задаче.",
  "Мероприятия не согласованы с дорожной картой: уточните ответственных и сроки, уберите дублирующие пункты.",
];
const FIX_NOTE = "Исправлено по замечаниям куратора";

/** Histories by the status they end in; day offsets count from "now" (or a fixed date for past years). */
const H = {
  draft: [{ t: "upload", day: -2 }],
  submitted: [
    { t: "upload", day: -3 },
    { t: "submit", day: -2 },
  ],
  waiting: [
    { t: "upload", day: -12 },
    { t: "submit", day: -11 },
  ],
  returned: [
    { t: "upload", day: -12 },
    { t: "submit", day: -11 },
    { t: "return", day: -8, comment: RETURN_COMMENTS[1]! },
  ],
  approved: [
    { t: "upload", day: -30 },
    { t: "submit", day: -29 },
    { t: "approve", day: -26 },
  ],
  approvedAfterReturn: [
    { t: "upload", day: -40 },
    { t: "submit", day: -39 },
    { t: "return", day: -35, comment: RETURN_COMMENTS[0]! },
    { t: "upload", day: -30, note: FIX_NOTE },
    { t: "submit", day: -30 },
    { t: "approve", day: -27, comment: "Замечания учтены, концепция принята." },
  ],
  resubmitted: [
    { t: "upload", day: -25 },
    { t: "submit", day: -24 },
    { t: "return", day: -20, comment: RETURN_COMMENTS[2]! },
    { t: "upload", day: -4, note: FIX_NOTE },
    { t: "submit", day: -3 },
  ],
} satisfies Record<string, Step[]>;

interface Planned {
  kind: DocumentKind;
  /** Index into the profile's chosen factors (ANTI_RISK_PROGRAMME only). */
  chosen?: number;
  history: Step[];
}

/** The Ундино-Посельская documents drive the demo flow; the others rotate through every status. */
function currentPlan(schoolKey: string, index: number): Planned[] {
  if (schoolKey === "undino")
    return [
      { kind: "CONCEPT", history: H.draft },
      { kind: "MEDIUM_TERM_PROGRAMME", history: H.submitted },
      { kind: "ANTI_RISK_PROGRAMME", chosen: 0, history: H.returned },
      { kind: "ANTI_RISK_PROGRAMME", chosen: 1, history: [{ t: "upload", day: -1 }] },
    ];
  if (schoolKey === "zhidka")
    return [
      { kind: "CONCEPT", history: H.approvedAfterReturn },
      { kind: "MEDIUM_TERM_PROGRAMME", history: H.approved },
      { kind: "ANTI_RISK_PROGRAMME", chosen: 0, history: H.approved },
      { kind: "ANTI_RISK_PROGRAMME", chosen: 1, history: H.waiting },
    ];
  const rotation = [H.approved, H.submitted, H.returned, H.draft, H.approvedAfterReturn, H.resubmitted, H.waiting];
  const pick = (k: number) => rotation[(index + k) % rotation.length]!;
  const plan: Planned[] = [
    { kind: "CONCEPT", history: pick(0) },
    { kind: "MEDIUM_TERM_PROGRAMME", history: pick(1) },
    { kind: "ANTI_RISK_PROGRAMME", chosen: 0, history: pick(2) },
    { kind: "ANTI_RISK_PROGRAMME", chosen: 1, history: pick(3) },
  ];
  if (index % 4 === 0) plan.push({ kind: "ROADMAP_ATTACHMENT", history: pick(4) });
  return plan;
}

/** 2022: everything was approved by the end of April. */
function pastPlan(schoolKey: string): Planned[] {
  return [
    { kind: "CONCEPT", history: schoolKey === "undino" ? H.approvedAfterReturn : H.approved },
    { kind: "MEDIUM_TERM_PROGRAMME", history: H.approved },
    { kind: "ANTI_RISK_PROGRAMME", chosen: 0, history: H.approved },
    { kind: "ANTI_RISK_PROGRAMME", chosen: 1, history: H.approved },
  ];
}

export async function seedDocuments(ctx: DemoContext): Promise<void> {
  const { db, now } = ctx;
  const targets = DEMO_SCHOOLS.flatMap((school) => school.participations.filter((p) => p.year === CURRENT_YEAR || p.year === 2022).map((part) => ({ school, part })));
  // Two passes: first read and make the files (PDF rendering is CPU work that would hold up transactions
  // waiting to start beside it), then write each participation's documents in one transaction.
  const batches: ReturnType<typeof documentWrites>[] = [];
  await inParallel(targets, async ({ school, part }) => {
    const participationId = idOf(ctx.participations, participationKey(school.key, part.year), "participation");
    const [chosen, existing] = await Promise.all([
      db.riskProfileEntry.findMany({
        where: { profile: { participationId }, chosen: true },
        select: { riskFactor: { select: { id: true, number: true, title: true } } },
        orderBy: { riskFactor: { number: "asc" } },
      }),
      db.document.findMany({
        where: { participationId },
        select: { kind: true, riskFactorId: true },
      }),
    ]);
    const current = part.year === CURRENT_YEAR;
    const plan = current ? currentPlan(school.key, CURRENT_PARTICIPANTS.indexOf(school.key)) : pastPlan(school.key);
    const writes = [];
    for (const p of plan) {
      const riskFactor = p.chosen === undefined ? null : chosen[p.chosen]?.riskFactor;
      if (riskFactor === undefined) continue; // fewer chosen factors than planned documents
      if (existing.some((d) => d.kind === p.kind && d.riskFactorId === (riskFactor?.id ?? null))) continue;
      const spec = {
        participationId,
        schoolId: idOf(ctx.schools, school.key, "school"),
        schoolName: school.shortName,
        year: part.year,
        kind: p.kind,
        riskFactor,
        history: p.history,
        base: current ? now : utcDate(2022, 4, 28),
        uploaderId: idOf(ctx.users, schoolAccountOf(school.key).email, "user"),
        reviewerId: idOf(ctx.users, curatorOf(school.key).email, "user"),
        now,
      };
      writes.push(...documentWrites(db, spec, await storeVersions(spec)));
    }
    if (writes.length) batches.push(writes);
  });
  // One transaction per participation: its documents appear together or not at all.
  await inParallel(batches, async (writes) => void (await db.$transaction(writes)));
}

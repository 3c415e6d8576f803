// Reference data: regions, programme years with their risk factors, significance rules and the federal
// scoring of regions. Everything has a natural unique key, so `skipDuplicates` makes re-runs no-ops.
import { REGIONS } from "../regions.ts";
import { riskFactorsFor, SIGNIFICANCE_RULES } from "../risk-factors.ts";
import { endOfMonthAfter, utcDate } from "../lib/dates.ts";
import { ensure } from "../lib/ensure.ts";
import { idOf, type DemoContext } from "./context.ts";
import { CURRENT_YEAR, PAST_YEARS, REGIONAL_PROGRAMME } from "./world.ts";

function programmeYears(now: Date) {
  const past = PAST_YEARS.map((year) => ({
    year,
    title: `500+ ${year}`,
    conceptDocumentsDue: utcDate(year, 4, 30),
    roadmapDue: utcDate(year, 5, 31),
  }));
  // The current year's documents deadline lies ahead of "now", at the end of a month, as regions set it.
  const current = {
    year: CURRENT_YEAR,
    title: `500+ ${CURRENT_YEAR}`,
    conceptDocumentsDue: endOfMonthAfter(now, 5),
    roadmapDue: endOfMonthAfter(now, 6),
  };
  return [...past, current];
}

/** Six criteria of one point each: "6 of 6 points, green zone". */
const SCORING_CRITERIA = [
  {
    code: "DOCUMENTS_APPROVED",
    title: "Доля утверждённых концептуальных документов не ниже 90 %",
    metric: "SHARE_DOCUMENTS_APPROVED",
    threshold: 0.9,
  },
  {
    code: "ROADMAPS_FILLED",
    title: "Дорожные карты с мероприятиями у всех школ-участников",
    metric: "SHARE_ROADMAPS_WITH_MEASURES",
    threshold: 1,
  },
  {
    code: "NO_OVERDUE",
    title: "Доля мероприятий без просрочки не ниже 95 %",
    metric: "SHARE_MEASURES_NOT_OVERDUE",
    threshold: 0.95,
  },
  {
    code: "PROFILES_VERIFIED",
    title: "Рисковые профили верифицированы не менее чем у 90 % школ",
    metric: "SHARE_PROFILES_VERIFIED",
    threshold: 0.9,
  },
  {
    code: "CURATORS_ASSIGNED",
    title: "Кураторы назначены всем школам-участникам",
    metric: "SHARE_PARTICIPATIONS_WITH_CURATOR",
    threshold: 1,
  },
  {
    code: "WEBINARS_ATTENDED",
    title: "Участие в вебинарах ФИОКО не ниже 80 %",
    metric: "SHARE_WEBINAR_ATTENDANCE",
    threshold: 0.8,
  },
];

const SCORING_ZONES = [
  { color: "GREEN", minPoints: 5 },
  { color: "YELLOW", minPoints: 3 },
  { color: "RED", minPoints: 0 },
] as const;

/** Last year's snapshots, so reports can compare years. */
const REGION_SCORES_2022 = [
  {
    code: 75,
    met: ["DOCUMENTS_APPROVED", "ROADMAPS_FILLED", "NO_OVERDUE", "PROFILES_VERIFIED", "CURATORS_ASSIGNED", "WEBINARS_ATTENDED"],
  },
  {
    code: 62,
    met: ["DOCUMENTS_APPROVED", "ROADMAPS_FILLED", "CURATORS_ASSIGNED", "WEBINARS_ATTENDED"],
  },
];

export async function seedReference(ctx: DemoContext): Promise<void> {
  const { db } = ctx;
  await db.region.createMany({
    data: [...REGIONS].map(({ code, name, timeZone }) => ({ code, name, timeZone })),
    skipDuplicates: true,
  });
  for (const r of await db.region.findMany({ select: { id: true, code: true } })) ctx.regions.set(r.code, r.id);

  // «500+» itself is created by the migration that introduced programmes.
  const federal = await db.programme.findFirstOrThrow({ where: { regionId: null }, select: { id: true } });
  for (const spec of programmeYears(ctx.now)) {
    const year = await ensure(
      () => db.programmeYear.findUnique({ where: { programmeId_year: { programmeId: federal.id, year: spec.year } } }),
      () => db.programmeYear.create({ data: { ...spec, programmeId: federal.id } }),
    );
    ctx.years.set(year.year, { id: year.id, conceptDocumentsDue: year.conceptDocumentsDue });
    await db.riskFactor.createMany({
      data: riskFactorsFor(year.year).map((f) => ({ ...f, programmeYearId: year.id })),
      skipDuplicates: true,
    });
    const factors = await db.riskFactor.findMany({
      where: { programmeYearId: year.id },
      select: { id: true, number: true },
    });
    ctx.factors.set(year.year, new Map(factors.map((f) => [f.number, f.id])));
  }

  const current = ctx.years.get(CURRENT_YEAR)!;
  await db.significanceRule.createMany({
    data: SIGNIFICANCE_RULES.map(({ factor, ...rule }) => ({
      ...rule,
      programmeYearId: current.id,
      riskFactorId: ctx.factors.get(CURRENT_YEAR)!.get(factor)!,
    })),
    skipDuplicates: true,
  });

  for (const y of [2022, CURRENT_YEAR]) {
    const programmeYearId = ctx.years.get(y)!.id;
    await db.scoringCriterion.createMany({
      data: SCORING_CRITERIA.map((c) => ({ ...c, programmeYearId, points: 1 })),
      skipDuplicates: true,
    });
    await db.scoringZone.createMany({
      data: SCORING_ZONES.map((z) => ({ ...z, programmeYearId })),
      skipDuplicates: true,
    });
  }

  const y2022 = ctx.years.get(2022)!.id;
  await db.regionScore.createMany({
    data: REGION_SCORES_2022.map(({ code, met }) => ({
      regionId: ctx.regions.get(code)!,
      programmeYearId: y2022,
      points: met.length,
      details: Object.fromEntries(SCORING_CRITERIA.map((c) => [c.code, met.includes(c.code) ? 1 : 0])),
      computedAt: utcDate(2022, 12, 20),
    })),
    skipDuplicates: true,
  });

  await seedRegionalProgramme(ctx);
}

/** «62+» of Рязанская область: its 2026 year with the same deadlines, factor list and significance rules. */
async function seedRegionalProgramme(ctx: DemoContext): Promise<void> {
  const { db } = ctx;
  const { regionCode, ...fields } = REGIONAL_PROGRAMME;
  const regionId = idOf(ctx.regions, regionCode, "region");
  const programme = await ensure(
    () => db.programme.findUnique({ where: { shortName: fields.shortName } }),
    () => db.programme.create({ data: { ...fields, regionId } }),
  );
  const federalYear = ctx.years.get(CURRENT_YEAR)!;
  const federal = await db.programmeYear.findUniqueOrThrow({ where: { id: federalYear.id } });
  const year = await ensure(
    () => db.programmeYear.findUnique({ where: { programmeId_year: { programmeId: programme.id, year: CURRENT_YEAR } } }),
    () =>
      db.programmeYear.create({
        data: {
          programmeId: programme.id,
          year: CURRENT_YEAR,
          title: `${programme.shortName} ${CURRENT_YEAR}`,
          conceptDocumentsDue: federal.conceptDocumentsDue,
          roadmapDue: federal.roadmapDue,
        },
      }),
  );
  await db.riskFactor.createMany({
    data: riskFactorsFor(CURRENT_YEAR).map((f) => ({ ...f, programmeYearId: year.id })),
    skipDuplicates: true,
  });
  const factors = new Map((await db.riskFactor.findMany({ where: { programmeYearId: year.id }, select: { id: true, number: true } })).map((f) => [f.number, f.id]));
  await db.significanceRule.createMany({
    data: SIGNIFICANCE_RULES.map(({ factor, ...rule }) => ({ ...rule, programmeYearId: year.id, riskFactorId: factors.get(factor)! })),
    skipDuplicates: true,
  });
  ctx.regionalYears.set(`${programme.shortName} ${CURRENT_YEAR}`, { id: year.id, factors });
}

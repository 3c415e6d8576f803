// Municipalities, schools and participations of the demo world (world.ts).
import { addDays, ruDate, utcDate } from "../lib/dates.ts";
import { idOf, participationYearId, type DemoContext } from "./context.ts";
import { CURRENT_YEAR, DEMO_MUNICIPALITIES, DEMO_SCHOOLS, participationKey } from "./world.ts";

export async function seedTerritory(ctx: DemoContext): Promise<void> {
  const { db, now } = ctx;
  await db.municipality.createMany({
    data: DEMO_MUNICIPALITIES.map((m) => ({
      name: m.name,
      regionId: idOf(ctx.regions, m.regionCode, "region"),
    })),
    skipDuplicates: true,
  });
  const municipalityRows = await db.municipality.findMany({
    where: {
      regionId: {
        in: [...new Set(DEMO_MUNICIPALITIES.map((m) => ctx.regions.get(m.regionCode)!))],
      },
    },
    select: { id: true, regionId: true, name: true },
  });
  for (const m of DEMO_MUNICIPALITIES) {
    const regionId = idOf(ctx.regions, m.regionCode, "region");
    const row = municipalityRows.find((r) => r.regionId === regionId && r.name === m.name);
    if (!row) throw new Error(`demo seed: municipality ${m.name} is missing`);
    ctx.municipalities.set(m.key, row.id);
  }

  await db.school.createMany({
    data: DEMO_SCHOOLS.map((s) => ({
      municipalityId: idOf(ctx.municipalities, s.municipality, "municipality"),
      shortName: s.shortName,
      fullName: s.fullName,
      address: s.address,
      canHostCurators: s.canHostCurators ?? false,
    })),
    skipDuplicates: true,
  });
  const schoolRows = await db.school.findMany({
    where: { municipalityId: { in: [...ctx.municipalities.values()] } },
    select: { id: true, municipalityId: true, shortName: true },
  });
  for (const s of DEMO_SCHOOLS) {
    const municipalityId = idOf(ctx.municipalities, s.municipality, "municipality");
    const row = schoolRows.find((r) => r.municipalityId === municipalityId && r.shortName === s.shortName);
    if (!row) throw new Error(`demo seed: school ${s.shortName} is missing`);
    ctx.schools.set(s.key, row.id);
  }

  // The current year's decree is dated a couple of months before "now".
  const decreeDate = ruDate(addDays(now, -70));
  const rows = DEMO_SCHOOLS.flatMap((s, i) =>
    s.participations.map((p) => {
      const current = p.year === CURRENT_YEAR;
      const createdAt = current ? addDays(now, -65) : utcDate(p.year - 1, 12, 20);
      return {
        schoolId: idOf(ctx.schools, s.key, "school"),
        programmeYearId: participationYearId(ctx, s.key, p.year),
        decree: p.decree?.replace("{date}", decreeDate) ?? null,
        status: p.status ?? "PARTICIPATING",
        createdAt,
        // Varied, so "no activity for N days" has both quiet and busy schools.
        lastActivityAt: current ? addDays(now, -[1, 2, 5, 16, 3, 30][i % 6]!) : utcDate(p.year, 12, 15),
      };
    }),
  );
  await db.participation.createMany({ data: rows, skipDuplicates: true });
  const found = await db.participation.findMany({
    where: { schoolId: { in: [...ctx.schools.values()] } },
    select: { id: true, schoolId: true, programmeYear: { select: { year: true } } },
  });
  const keyOfSchool = new Map([...ctx.schools].map(([k, id]) => [id, k]));
  for (const p of found) ctx.participations.set(participationKey(keyOfSchool.get(p.schoolId)!, p.programmeYear.year), p.id);
}

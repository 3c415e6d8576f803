// Demo users with their roles and curator assignments. Hashing is slow, so the one hash is computed
// only when some account is missing and is shared by all of them.
import { hash } from "@node-rs/argon2";
import { addDays, utcDate } from "../lib/dates.ts";
import { DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from "./accounts.ts";
import { idOf, type DemoContext } from "./context.ts";
import { CURRENT_YEAR, DEMO_SCHOOLS, participationKey } from "./world.ts";

function scopeIds(ctx: DemoContext, p: DemoPerson) {
  const s = p.scope;
  return {
    regionId: s && "region" in s ? idOf(ctx.regions, s.region, "region") : null,
    municipalityId: s && "municipality" in s ? idOf(ctx.municipalities, s.municipality, "municipality") : null,
    schoolId: s && "school" in s ? idOf(ctx.schools, s.school, "school") : null,
  };
}

export async function seedPeople(ctx: DemoContext): Promise<void> {
  const { db, now } = ctx;
  const emails = DEMO_PEOPLE.map((p) => p.email);
  const existing = new Set((await db.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email));
  const missing = DEMO_PEOPLE.filter((p) => !existing.has(p.email));
  if (missing.length) {
    const passwordHash = await hash(DEMO_PASSWORD); // argon2id with the library's defaults
    await db.user.createMany({
      data: missing.map((p) => ({
        email: p.email,
        fullName: p.fullName,
        position: p.position,
        passwordHash,
        organisationId: p.organisation ? idOf(ctx.schools, p.organisation, "school") : null,
        createdAt: addDays(now, -90),
      })),
      skipDuplicates: true,
    });
  }
  for (const u of await db.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
  })) {
    ctx.users.set(u.email, u.id);
  }

  await db.roleAssignment.createMany({
    data: DEMO_PEOPLE.map((p) => ({
      userId: idOf(ctx.users, p.email, "user"),
      role: p.role,
      ...scopeIds(ctx, p),
      createdAt: addDays(now, -90),
    })),
    skipDuplicates: true,
  });

  const assignments = DEMO_PEOPLE.flatMap((p) =>
    (p.curates ?? []).flatMap((schoolKey) => {
      const school = DEMO_SCHOOLS.find((s) => s.key === schoolKey)!;
      return school.participations.map((part) => ({
        curatorId: idOf(ctx.users, p.email, "user"),
        participationId: idOf(ctx.participations, participationKey(schoolKey, part.year), "participation"),
        // The 2022 curators met their schools on 1 March 2022 (seed 004).
        assignedAt: part.year === CURRENT_YEAR ? addDays(now, -60) : utcDate(part.year, 3, 1),
      }));
    }),
  );
  await db.curatorAssignment.createMany({ data: assignments, skipDuplicates: true });
}

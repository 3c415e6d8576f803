// Risk profiles: each factor's significance follows from indicator values and the year's significance
// rules, and the explanation shows that arithmetic. Values come from a PRNG seeded by the school, so
// a re-run would compute the same profile (it is only written when missing).
import { randomUUID } from "node:crypto";
import { assessFactor, RISK_FACTORS, SIGNIFICANCE_RULES, type SignificanceLevel } from "../risk-factors.ts";
import { addDays, utcDate } from "../lib/dates.ts";
import { inParallel } from "../lib/ensure.ts";
import { Prng } from "../lib/prng.ts";
import { curatorOf, municipalCoordinatorOf, schoolAccountOf } from "./accounts.ts";
import { idOf, participationFactorId, type DemoContext } from "./context.ts";
import { CURRENT_PARTICIPANTS, CURRENT_YEAR, DEMO_SCHOOLS, participationKey } from "./world.ts";
import { gid } from "../lib/gid.ts";

type Party = "SCHOOL" | "CURATOR" | "MUNICIPALITY";

/** Which parties have confirmed: Ундино-Посельская waits for the municipality, Жидкинская is verified. */
function confirmingParties(schoolKey: string, index: number, year: number): Party[] {
  if (year !== CURRENT_YEAR || schoolKey === "zhidka") return ["SCHOOL", "CURATOR", "MUNICIPALITY"];
  if (schoolKey === "undino") return ["SCHOOL", "CURATOR"];
  return ([["SCHOOL", "CURATOR", "MUNICIPALITY"], ["SCHOOL"], []] as Party[][])[index % 3]!;
}

function profileEntries(schoolKey: string, year: number, chooseCount: number) {
  const prng = new Prng(`profile:${schoolKey}`);
  // Two years earlier the same school had stronger risks: the profile should improve over the years.
  const worse = year < CURRENT_YEAR ? 1.35 : 1;
  const assessed = RISK_FACTORS.map((f) => {
    const rules = SIGNIFICANCE_RULES.filter((r) => r.factor === f.number);
    const values = rules.map((r) => Math.min(0.95, Math.round(r.highFrom * (0.35 + prng.next() * 1.1) * worse * 100) / 100));
    const strength = Math.max(...values.map((v, i) => v / rules[i]!.highFrom));
    return { number: f.number, strength, ...assessFactor(rules, values) };
  });
  const chosen = new Set(
    [...assessed]
      .sort((a, b) => b.strength - a.strength)
      .slice(0, chooseCount)
      .map((a) => a.number),
  );
  return assessed.map((a) => ({ ...a, chosen: chosen.has(a.number) }));
}

export async function seedProfiles(ctx: DemoContext): Promise<void> {
  const { db, now } = ctx;
  const targets = DEMO_SCHOOLS.flatMap((s) =>
    s.participations
      .filter((p) => p.year === CURRENT_YEAR || p.year === 2022)
      .map((p) => ({
        school: s,
        year: p.year,
        index: Math.max(0, CURRENT_PARTICIPANTS.indexOf(s.key)),
      })),
  );
  await inParallel(targets, async ({ school, year, index }) => {
    const participationId = idOf(ctx.participations, participationKey(school.key, year), "participation");
    if (await db.riskProfile.findUnique({ where: { participationId }, select: { id: true } })) return;
    const entries = profileEntries(school.key, year, 2 + (index % 2));
    const parties = confirmingParties(school.key, index, year);
    const at = (daysAgo: number) => (year === CURRENT_YEAR ? addDays(now, -daysAgo) : utcDate(2022, 3, 31 - daysAgo));
    const userOf: Record<Party, string> = {
      SCHOOL: idOf(ctx.users, schoolAccountOf(school.key).email, "user"),
      CURATOR: idOf(ctx.users, curatorOf(school.key).email, "user"),
      MUNICIPALITY: idOf(ctx.users, municipalCoordinatorOf(school.municipality).email, "user"),
    };
    const verified = parties.length === 3;
    const profileId = randomUUID();
    await db.$transaction([
      db.riskProfile.create({
        data: {
          id: profileId,
          participationId,
          createdAt: at(40),
          updatedAt: verified ? at(20) : at(40),
          verifiedAt: verified ? at(20) : null,
          entries: {
            create: entries.map((e) => ({
              riskFactorId: participationFactorId(ctx, school.key, year, e.number),
              significance: e.significance satisfies SignificanceLevel,
              explanation: e.explanation,
              chosen: e.chosen,
            })),
          },
          confirmations: {
            create: parties.map((party, i) => ({
              party,
              userId: userOf[party],
              confirmedAt: at(24 - i * 2),
            })),
          },
        },
      }),
      db.auditEvent.createMany({
        data: parties.map((party, i) => ({
          actorId: userOf[party],
          action: "riskProfile.confirmed",
          entityType: "RiskProfile",
          entityId: profileId,
          schoolId: idOf(ctx.schools, school.key, "school"),
          after: { party },
          createdAt: at(24 - i * 2),
        })),
      }),
      // Verification is news to the school; a year-old profile needs no alert.
      db.notification.createMany({
        data:
          verified && year === CURRENT_YEAR
            ? [
                {
                  recipientId: userOf.SCHOOL,
                  kind: "PROFILE_CONFIRMED",
                  title: "Рисковый профиль школы верифицирован",
                  payload: { riskProfileId: gid("RiskProfile", profileId), participationId: gid("Participation", participationId) },
                  dedupeKey: `riskProfile:${profileId}:verified`,
                  createdAt: at(20),
                  readAt: at(19),
                },
              ]
            : [],
      }),
    ]);
  });
}

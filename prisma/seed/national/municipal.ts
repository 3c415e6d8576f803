// Municipal roadmaps at national scale: seed 004's plan of Балейский район, moved to the year, for
// about one municipality in seven.
import { BALEY_MUNICIPAL_PLAN, MUNICIPAL_RESPONSIBLE } from "../demo/municipal-plan.ts";
import type { Prng } from "../lib/prng.ts";
import type { ParticipationWriters } from "./participation.ts";
import type { NRegion } from "./territory.ts";

export function writeMunicipalRoadmaps(prng: Prng, world: NRegion[], years: Map<number, string>, w: ParticipationWriters): void {
  const rows = BALEY_MUNICIPAL_PLAN.filter((r) => !r.title.includes("Балей"));
  for (const [year, programmeYearId] of years) {
    const shift = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() + year - 2022, d.getUTCMonth(), d.getUTCDate()));
    for (const m of world.flatMap((r) => r.municipalities)) {
      if (!prng.chance(0.15)) continue;
      const roadmapId = prng.uuid();
      const createdAt = new Date(Date.UTC(year, 2, prng.int(1, 28)));
      const title = `Муниципальная дорожная карта (500+) на ${year} год — ${m.name}`;
      w.roadmaps.add({ id: roadmapId, programmeYearId, municipalityId: m.id, title, createdAt });
      for (const [i, row] of rows.entries()) {
        const status = prng.weighted([
          ["DONE", 0.85],
          ["PLANNED", 0.1],
          ["CANCELLED", 0.05],
        ] as const);
        const done = status === "DONE";
        const due = shift(row.y2022[1]);
        w.measures.add({
          id: prng.uuid(),
          roadmapId,
          position: i + 1,
          title: row.title,
          startDate: shift(row.y2022[0]),
          dueDate: due,
          periodLabel: row.y2022[2].replace("2022", String(year)),
          responsible: MUNICIPAL_RESPONSIBLE,
          indicatorName: row.indicator,
          indicatorUnit: row.percent ? "%" : null,
          targetValue: row.percent ? 100 : null,
          actualValue: row.percent && done ? 100 : null,
          status,
          completedAt: done ? due : null,
          cancelReason: status === "CANCELLED" ? "Мероприятие перенесено на региональный уровень." : null,
          revision: status === "PLANNED" ? 0 : done ? 2 : 1,
          createdAt,
          updatedAt: done ? due : createdAt,
        });
      }
    }
  }
}

// Reference rows the national data hangs on: regions, the past programme years and their risk factors.
// Inserted with ON CONFLICT DO NOTHING, so the demo world (or an earlier run) may already hold them.
import type pg from "pg";
import { PROGRAMME_REGIONS } from "../regions.ts";
import { riskFactorsFor } from "../risk-factors.ts";

export const NATIONAL_YEARS = [2021, 2022, 2023] as const;

export interface NationalReference {
  regions: { id: string; code: number; name: string }[];
  years: Map<number, string>;
  factors: Map<number, Map<number, string>>;
  inserted: number;
}

export async function ensureReference(client: pg.Client): Promise<NationalReference> {
  let inserted = 0;
  const regions = PROGRAMME_REGIONS;
  inserted +=
    (
      await client.query(`INSERT INTO "Region" (code, name, "timeZone") SELECT * FROM unnest($1::int4[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, [
        regions.map((r) => r.code),
        regions.map((r) => r.name),
        regions.map((r) => r.timeZone),
      ])
    ).rowCount ?? 0;
  const regionRows = await client.query<{ id: string; code: number; name: string }>(`SELECT id, code, name FROM "Region" WHERE code = ANY($1::int4[]) ORDER BY code`, [regions.map((r) => r.code)]);

  const years = new Map<number, string>();
  const factors = new Map<number, Map<number, string>>();
  for (const year of NATIONAL_YEARS) {
    inserted +=
      (
        await client.query(
          `INSERT INTO "ProgrammeYear" ("programmeId", year, title, "conceptDocumentsDue", "roadmapDue")
           SELECT id, $1, $2, $3, $4 FROM "Programme" WHERE "regionId" IS NULL ON CONFLICT DO NOTHING`,
          [year, `500+ ${year}`, `${year}-04-30`, `${year}-05-31`],
        )
      ).rowCount ?? 0;
    const { rows } = await client.query<{ id: string }>(`SELECT py.id FROM "ProgrammeYear" py JOIN "Programme" p ON p.id = py."programmeId" WHERE py.year = $1 AND p."regionId" IS NULL`, [year]);
    const yearId = rows[0]!.id;
    years.set(year, yearId);
    const list = riskFactorsFor(year);
    inserted +=
      (
        await client.query(
          `INSERT INTO "RiskFactor" ("programmeYearId", number, title, description)
         SELECT $1, * FROM unnest($2::int4[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
          [yearId, list.map((f) => f.number), list.map((f) => f.title), list.map((f) => f.description)],
        )
      ).rowCount ?? 0;
    const f = await client.query<{ id: string; number: number }>(`SELECT id, number FROM "RiskFactor" WHERE "programmeYearId" = $1`, [yearId]);
    factors.set(year, new Map(f.rows.map((r) => [r.number, r.id])));
  }
  return { regions: regionRows.rows, years, factors, inserted };
}

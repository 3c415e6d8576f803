// Materials search in PostgreSQL, the FAQ's way (consultation/search.ts): the `russian` configuration
// over a generated tsvector (title weighted above description, «ё» folded), websearch_to_tsquery for the
// reader's words, ts_rank for order; filters by kind, year, region and risk factor. Without words: newest first.
import { Prisma } from "../../db.ts";
import type { DB } from "../../db.ts";
import { cleanSearch } from "../../shared/search-text.ts";
import type { MaterialKind } from "../../../../prisma/generated/client/enums.ts";

export interface MaterialSearch {
  text?: string | null;
  kind?: MaterialKind | null;
  year?: number | null;
  regionId?: string | null;
  riskFactor?: number | null;
  limit: number;
  offset?: number;
}

/** The ids of matching materials in order, and how many match. */
export async function searchMaterials(db: DB, s: MaterialSearch): Promise<{ ids: string[]; total: number }> {
  const text = cleanSearch(s.text);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (text) parts.push(Prisma.sql`m.search @@ websearch_to_tsquery('russian', ${text})`);
  if (s.kind) parts.push(Prisma.sql`m.kind = ${s.kind}::"MaterialKind"`);
  if (s.year != null) parts.push(Prisma.sql`m."programmeYearId" = (SELECT id FROM "ProgrammeYear" WHERE year = ${s.year}::int)`);
  if (s.regionId) parts.push(Prisma.sql`(m."regionId" = ${s.regionId}::uuid)`);
  if (s.riskFactor != null) parts.push(Prisma.sql`${s.riskFactor}::int = ANY(m."riskFactorNumbers")`);
  const where = Prisma.join(parts, " AND ");
  const order = text ? Prisma.sql`ts_rank(m.search, websearch_to_tsquery('russian', ${text})) DESC, m."updatedAt" DESC, m.id` : Prisma.sql`m."updatedAt" DESC, m.id`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT m.id FROM "Material" m WHERE ${where} ORDER BY ${order} LIMIT ${s.limit} OFFSET ${s.offset ?? 0}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Material" m WHERE ${where}`,
  ]);
  return { ids: rows.map((r) => r.id), total: count[0]?.n ?? 0 };
}

export interface PracticeSearch {
  text?: string | null;
  riskFactor?: number | null;
  regionId?: string | null;
  limit: number;
  offset?: number;
}

/** Published practices by words (the same Russian full text), risk factor number and region; newest first without words. */
export async function searchPractices(db: DB, s: PracticeSearch): Promise<{ ids: string[]; total: number }> {
  const text = cleanSearch(s.text);
  const parts: Prisma.Sql[] = [Prisma.sql`p.status = 'PUBLISHED'`];
  if (text) parts.push(Prisma.sql`p.search @@ websearch_to_tsquery('russian', ${text})`);
  if (s.riskFactor != null) parts.push(Prisma.sql`rf.number = ${s.riskFactor}::int`);
  if (s.regionId) parts.push(Prisma.sql`mu."regionId" = ${s.regionId}::uuid`);
  const where = Prisma.join(parts, " AND ");
  const from = Prisma.sql`"Practice" p LEFT JOIN "RiskFactor" rf ON rf.id = p."riskFactorId" LEFT JOIN "School" sc ON sc.id = p."schoolId" LEFT JOIN "Municipality" mu ON mu.id = sc."municipalityId"`;
  const order = text ? Prisma.sql`ts_rank(p.search, websearch_to_tsquery('russian', ${text})) DESC, p."createdAt" DESC, p.id` : Prisma.sql`coalesce(p."decidedAt", p."createdAt") DESC, p.id`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT p.id FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${s.limit} OFFSET ${s.offset ?? 0}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
  ]);
  return { ids: rows.map((r) => r.id), total: count[0]?.n ?? 0 };
}

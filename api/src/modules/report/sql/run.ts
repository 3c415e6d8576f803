// Ordering, paging and running report SQL (statement timeout, the country-wide cache).
import { Prisma, type DB } from "../../../db.ts";
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, PARTICIPATION_FIGURES, RISK_FIGURES } from "../figures.ts";
import { reportTimeout } from "../errors.ts";
import { cached } from "../cache.ts";
import type { Order, Page, Paged, Sql } from "./base.ts";
import { env } from "../../../config.ts";

const { sql, raw } = Prisma;

// ---------------------------------------------------------------- ordering and paging

export const share = (num: string, den: string) => raw(`CASE WHEN ${den} > 0 THEN ${num}::float8 / ${den} END`);
export const zero = (col: string) => raw(`COALESCE(${col}, 0) AS ${col}`);
/** Columns a figure report may be ordered by. */
export const FIGURE_COLUMNS: ReadonlySet<string> = new Set([...PARTICIPATION_FIGURES, ...DOCUMENT_FIGURES, ...MEASURE_FIGURES, ...CONSULTATION_FIGURES].map((x) => x.column));
export const RISK_COLUMNS: ReadonlySet<string> = new Set([...RISK_FIGURES.map((x) => x.column), "factor_number"]);
export const DOCUMENT_LIST_COLUMNS: ReadonlySet<string> = new Set(["submitted_at", "decided_at", "waiting_days", "deadline", "state"]);
export const MEASURE_LIST_COLUMNS: ReadonlySet<string> = new Set(["due_date", "completed_at", "status"]);
export const ROADMAP_LIST_COLUMNS: ReadonlySet<string> = new Set(["deadline", "status"]);

/**
 * ORDER BY: the chosen column, then the group's natural order, then keys, so pages never overlap.
 * `allowed` is the whitelist of the report: the column is spliced in as an identifier.
 */
export function orderSql(order: Order, tieBreak: string[], allowed: ReadonlySet<string>): Sql {
  const dir = raw(order.desc ? "DESC" : "ASC");
  const natural = raw(`group_none ASC, group_code ASC NULLS LAST, group_name ASC, gkey ASC, ${["year ASC", ...tieBreak].join(", ")}`);
  if (order.column === "group") return sql`ORDER BY group_none ASC, group_code ${dir} NULLS LAST, group_name ${dir}, gkey ${dir}, ${raw(["year ASC", ...tieBreak].join(", "))}`;
  if (order.column === "year") return sql`ORDER BY year ${dir}, ${natural}`;
  if (!allowed.has(order.column)) throw new Error(`unknown report column ${order.column}`);
  return sql`ORDER BY ${raw(order.column)} ${dir} NULLS LAST, ${natural}`;
}

/** One statement: the total of `named` and one page of it (the page may be empty; the total is still there). */
export function pagedSql(withs: Sql, named: Sql, order: Sql, page: Page): Sql {
  return sql`WITH ${withs}, named AS (${named})
    SELECT c.total, f.* FROM (SELECT count(*)::int AS total FROM named) c
    LEFT JOIN LATERAL (SELECT * FROM named ${order} LIMIT ${page.limit} OFFSET ${page.offset}) f ON TRUE`;
}

export function unpage<T>(rows: (T & { total: number; year: number | null })[]): Paged<T> {
  const total = rows[0]?.total ?? 0;
  return { total, rows: rows.filter((r) => r.year != null).map(({ total: _t, ...r }) => r as T) };
}

// ---------------------------------------------------------------- execution

/** Report SQL may run this long before PostgreSQL cancels it (REPORT_STATEMENT_TIMEOUT_MS, default 10 s). */
export const reportStatementTimeoutMs = () => env.reportStatementTimeoutMs();

/**
 * Runs report SQL with `SET LOCAL statement_timeout`, so one careless query cannot hold a connection
 * for minutes; a cancelled statement becomes a clear REPORT_TIMEOUT error. With `cacheMs`, an equal
 * query (same text and parameters) within that period reuses the result (cache.ts).
 */
export function runReportSql<T>(db: DB, query: Sql, cacheMs = 0): Promise<Paged<T>> {
  if (cacheMs <= 0) return runUncached<T>(db, query);
  return cached(db, `${query.text}\u0000${JSON.stringify(query.values)}`, cacheMs, () => runUncached<T>(db, query));
}

async function runUncached<T>(db: DB, query: Sql, timeoutMs = reportStatementTimeoutMs()): Promise<Paged<T>> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  try {
    const rows = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}`);
        return tx.$queryRaw<(T & { total: number; year: number | null })[]>(query);
      },
      { maxWait: 10_000, timeout: ms + 5_000 },
    );
    return unpage<T>(rows);
  } catch (e) {
    if (isStatementTimeout(e)) throw reportTimeout(ms);
    throw e;
  }
}

function isStatementTimeout(e: unknown): boolean {
  const x = e as { code?: string; meta?: { code?: string }; message?: string; cause?: { code?: string } };
  return x?.meta?.code === "57014" || x?.cause?.code === "57014" || /statement timeout/i.test(x?.message ?? "");
}

// What the demo modules share: the client, "now", and the ids of rows found or created so far, by the
// natural keys of world.ts and accounts.ts.
import type { Prisma, PrismaClient } from "../../generated/client/client.ts";
import { programmeOf } from "./world.ts";

export type Tx = Prisma.TransactionClient;

export interface DemoContext {
  db: PrismaClient;
  now: Date;
  /** region code → id */
  regions: Map<number, string>;
  /** programme year → row */
  years: Map<number, { id: string; conceptDocumentsDue: Date }>;
  /** programme year → factor number → id */
  factors: Map<number, Map<number, string>>;
  /** `${regional programme short name} ${year}` → the year's id and its factor number → id */
  regionalYears: Map<string, { id: string; factors: Map<number, string> }>;
  /** municipality key → id */
  municipalities: Map<string, string>;
  /** school key → id */
  schools: Map<string, string>;
  /** `${schoolKey}:${year}` → participation id */
  participations: Map<string, string>;
  /** email → user id */
  users: Map<string, string>;
}

/** Looks a key up and fails loudly: a missing id means the demo data itself is inconsistent. */
export function idOf<K>(map: Map<K, string>, key: K, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`demo seed: no ${what} ${String(key)}`);
  return id;
}

export const yearId = (ctx: DemoContext, year: number) => {
  const y = ctx.years.get(year);
  if (!y) throw new Error(`demo seed: no programme year ${year}`);
  return y.id;
};

export const factorId = (ctx: DemoContext, year: number, n: number) => idOf(ctx.factors.get(year) ?? new Map<number, string>(), n, `risk factor ${year}/`);

const regionalYear = (ctx: DemoContext, schoolKey: string, year: number) => {
  const programme = programmeOf(schoolKey, year);
  if (!programme) return null;
  const y = ctx.regionalYears.get(`${programme} ${year}`);
  if (!y) throw new Error(`demo seed: no programme year ${programme} ${year}`);
  return y;
};

/** The year a school's participation in `year` belongs to: its region's programme or «500+». */
export const participationYearId = (ctx: DemoContext, schoolKey: string, year: number) => regionalYear(ctx, schoolKey, year)?.id ?? yearId(ctx, year);

/** Factor `n` of the list of the year a school's participation belongs to. */
export const participationFactorId = (ctx: DemoContext, schoolKey: string, year: number, n: number) => {
  const y = regionalYear(ctx, schoolKey, year);
  return y ? idOf(y.factors, n, `risk factor ${year}/`) : factorId(ctx, year, n);
};

/** Interactive-transaction limits: generous, the demo writes a whole document or roadmap in one. */
export const TX = { maxWait: 10_000, timeout: 60_000 } as const;

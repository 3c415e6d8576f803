// Days on a region's clock, as SQL. Deadlines, overdue figures and reports all read «today» and a
// stored instant's day in the region's IANA time zone, the same way.
import { Prisma } from "../db.ts";

/**
 * The day at `now` in a time zone, as SQL: `now` is bound as a parameter, `tz` is an SQL expression
 * naming an IANA zone (e.g. `rg."timeZone"`).
 */
export const localDaySql = (now: Date, tz: Prisma.Sql) => Prisma.sql`((${now.toISOString()}::timestamptz) AT TIME ZONE ${tz})::date`;

/** The day of a stored timestamp (Prisma keeps DateTime as UTC `timestamp(3)`) in a time zone, as SQL. */
export const storedDaySql = (column: Prisma.Sql, tz: Prisma.Sql) => Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date`;

// Telling "the database is down" apart from every other failure, so clients get a clear, retryable
// DATABASE_UNAVAILABLE (HTTP 503) instead of a masked "Unexpected error" while PostgreSQL restarts or an
// external server is unreachable.
import { GraphQLError } from "graphql";

export const DATABASE_UNAVAILABLE_MESSAGE = "База данных временно недоступна. Повторите попытку через несколько секунд.";

/** Prisma's codes for an unreachable or lost server, and a pool that could not hand out a connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver-adapter error kinds (adapter-pg's convertDriverError) of the same meaning. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Node socket errors, when they surface unwrapped. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (terminated by shutdown or crash,
 * cannot connect now: starting up or in recovery), 53300 (too many connections).
 */
const isPgState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300";
/** pg's own messages for a connection that ended under it (no code attached). */
const PG_MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection due to|the database system is (starting up|in recovery mode|shutting down)|Can't reach database server|Server has closed the connection/i;

/** Whether `error` (or anything in its cause/originalError chain) means the database cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof o.code === "string" && (PRISMA_CODES.has(o.code) || SOCKET_CODES.has(o.code) || isPgState(o.code))) return true;
    if (typeof o.kind === "string" && ADAPTER_KINDS.has(o.kind)) return true;
    if (o.kind === "postgres" && typeof (o as { code?: unknown }).code === "string" && isPgState((o as { code: string }).code)) return true;
    if (typeof o.message === "string" && PG_MESSAGES.test(o.message)) return true;
    e = o.originalError ?? o.cause ?? o.meta?.driverAdapterError;
  }
  return false;
}

/** The error clients receive while the database is unavailable. */
export const databaseUnavailable = () =>
  new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: { code: "DATABASE_UNAVAILABLE", http: { status: 503, headers: { "retry-after": "5" } } },
  });

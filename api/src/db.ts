// The single PrismaClient of a process, on the pg driver adapter (wasm query compiler, no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../prisma/generated/client/client.ts";
import { env } from "./config.ts";

export type DB = PrismaClient;
export { Prisma } from "../../prisma/generated/client/client.ts";

/**
 * A pg pool that survives the loss of its server. pg-pool already drops an idle client whose connection
 * fails and a client released after its connection failed. One leak remains: when the connection of an
 * interactive transaction dies, Prisma's COMMIT or ROLLBACK throws before it releases the client, which then
 * stays checked out for ever; after a few outages every request would wait for a connection. Here a client
 * whose connection ends while checked out is released at once (as failed, so the pool discards it), and
 * its holder's later release is a no-op.
 */
export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Finds connections whose server vanished without closing them (a host or network failure).
    keepAlive: true,
    // pg-pool uses this both for a server that does not answer and for the wait for a free connection: a
    // burst (200 parallel sign-ins queued behind one account's lock) must wait its turn rather than fail,
    // while a stopped server refuses connections at once anyway.
    connectionTimeoutMillis: 15_000,
    idleTimeoutMillis: 30_000,
  });
  const watchers = new WeakMap<pg.PoolClient, () => void>();
  pool.on("acquire", (client) => {
    const onEnd = () => {
      watchers.delete(client);
      const release = client.release;
      client.release = () => {};
      release(new Error("Соединение с базой данных потеряно"));
    };
    watchers.set(client, onEnd);
    client.once("end", onEnd);
  });
  pool.on("release", (_err, client) => {
    const onEnd = watchers.get(client);
    if (onEnd) client.removeListener("end", onEnd);
    watchers.delete(client);
  });
  let lastReport = 0;
  pool.on("error", (e) => {
    // One line per outage, not one per pooled connection.
    if (Date.now() - lastReport < 10_000) return;
    lastReport = Date.now();
    console.error(`[${new Date().toISOString()}] База данных: соединение потеряно (${e.message}); новые запросы откроют новые соединения.`);
  });
  return pool;
}

/** Creates a client for `url`; the pool size follows `DB_POOL_SIZE` (default 10). */
export function createPrisma(url: string, opts: { poolSize?: number } = {}): PrismaClient {
  const pool = createPool(url, opts.poolSize ?? env.dbPoolSize());
  // The adapter ends the pool with the client ($disconnect).
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  pools.set(client, pool);
  return client;
}

const pools = new WeakMap<DB, pg.Pool>();
/** The pg pool behind a client made by {@link createPrisma} (tests look at its checked-out clients). */
export const poolOf = (db: DB): pg.Pool | undefined => pools.get(db);

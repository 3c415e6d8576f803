// The single PrismaClient of a process, on the pg driver adapter (wasm query compiler, no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../prisma/generated/client/client.ts";

export type DB = PrismaClient;
export { Prisma } from "../../prisma/generated/client/client.ts";

/** Creates a client for `url`; the pool size follows `DB_POOL_SIZE` (default 10). */
export function createPrisma(url: string, opts: { poolSize?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: opts.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

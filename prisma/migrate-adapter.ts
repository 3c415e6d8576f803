// Driver adapter for the Prisma 6.19 CLI with `engine: "js"` (wasm schema engine, works offline).
// Loaded only by the CLI through prisma.config.ts. It works around bugs of that path:
//  1. prisma/orm#27403: adapter-pg cannot decode the catalog types "char" (18) and name (19).
//  2. a connectionString would override the shadow database name, so the shadow DB would be the real one (P3006).
//  3. the shadow DB is dropped before its pool is closed.
//  4. the wasm engine leaves long timers referenced, so the CLI lingers after it has finished.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const REMAP: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
const relabel = (res: any) => {
  for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (REMAP[f.dataTypeID]) f.dataTypeID = REMAP[f.dataTypeID];
  return res;
};
const proto = pg.Client.prototype as any;
if (!proto.__medkRelabel) {
  const query = proto.query;
  proto.query = function (...args: any[]) {
    const cb = args[args.length - 1];
    if (typeof cb === "function") args[args.length - 1] = (e: any, r: any) => cb(e, e ? r : relabel(r));
    const ret = query.apply(this, args);
    return ret && typeof ret.then === "function" ? ret.then(relabel) : ret;
  };
  proto.__medkRelabel = true;
}

export function migrateAdapter(url: string) {
  const u = new URL(url);
  const cfg: pg.PoolConfig = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    allowExitOnIdle: true,
  };
  class MigratePg extends PrismaPg {
    async connectToShadowDb() {
      const main = await this.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg({ ...cfg, database }).connect();
      const close = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await close();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await main.dispose();
      };
      return shadow;
    }
  }
  return new MigratePg(cfg);
}

const setTimeoutOrig = globalThis.setTimeout;
globalThis.setTimeout = ((fn: any, ms?: number, ...rest: any[]) => {
  const t: any = setTimeoutOrig(fn, ms, ...rest);
  if ((ms ?? 0) >= 5000) t?.unref?.();
  return t;
}) as typeof setTimeout;

// A short-lived cache of report results for viewers who see the whole country. A federal report
// aggregates every participation of a year (≈150k measures, 60k documents at national scale) and costs
// hundreds of milliseconds however it is written; the federal coordinator's dashboard is asked for again
// and again with the same arguments, and figures a minute old are fine for monitoring. Narrower reports
// (a region, a municipality, a school) are fast and stay live, so that people who just changed something
// see it at once.
//
// Keys are the report's SQL text and parameters, with "now" rounded down to the cache period, so equal
// requests within a period share one result; concurrent equal requests share one running query.
import type { DB } from "../../db.ts";
import { env } from "../../config.ts";

/** REPORT_CACHE_SECONDS: how long a country-wide report result is reused (default 60; 0 turns it off). */
export const reportCacheMs = () => env.reportCacheMs();

const MAX_ENTRIES = 500;
const caches = new WeakMap<DB, Map<string, { expires: number; value: Promise<unknown> }>>();

/** "now" rounded down to the cache period: the moment every cached figure is computed at. */
export const cacheMoment = (now: Date, periodMs: number) => (periodMs > 0 ? new Date(Math.floor(now.getTime() / periodMs) * periodMs) : now);

/** The cached result of `run` under `key`, computing it once per period (and once for concurrent callers). */
export function cached<T>(db: DB, key: string, periodMs: number, run: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = run();
  cache.set(key, { expires: now + periodMs, value });
  // A failed query is not remembered.
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  for (const k of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(k);
  }
  return value;
}

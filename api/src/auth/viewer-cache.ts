// The viewer's reach, cached per user. Building it costs three to five queries (the user with its roles,
// the territory expanded to municipalities and schools, the curatorships); a regional coordinator's
// reach holds thousands of school ids. Every request still validates its session, and reads the access
// generation (one tiny row) beside it: the counter moves, at commit, with every change a reach is built
// from (role and curator assignments, a user's activity or name, the territory tree, participations — see
// the migration 202612071900_access_generation). A cached reach is used only while the generation it was
// built at is still current, so it is never used after such a change has committed, on any instance.
import type { DB } from "../db.ts";
import type { SessionRow } from "./session.ts";
import { loadViewer, type Viewer } from "./viewer.ts";
import { env } from "../config.ts";

type Cached = { generation: bigint; at: number; viewer: Omit<Viewer, "session"> | null };

const MAX_ENTRIES = 20_000;
const MAX_AGE_MS = 10 * 60_000;
const caches = new WeakMap<DB, Map<string, Cached>>();

/** VIEWER_CACHE=0 turns the cache off (measurements). */
const enabled = () => env.viewerCache();

/** The current access generation, or null when it cannot be read (then nothing is cached). */
export async function accessGeneration(db: DB): Promise<bigint | null> {
  if (!enabled()) return null;
  const rows = await db.$queryRaw<{ value: bigint }[]>`SELECT "value" FROM "AccessGeneration" WHERE "id" = 1`;
  return rows[0] ? BigInt(rows[0].value) : null;
}

/**
 * The viewer of `session`: from the cache when it was built at `generation` (read before this call, so a
 * change committed in between is seen by the load, and at worst makes the next request rebuild it).
 */
export async function cachedViewer(db: DB, session: SessionRow, generation: bigint | null): Promise<Viewer | null> {
  if (generation === null) return loadViewer(db, session);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(session.userId);
  const now = Date.now();
  if (hit && hit.generation === generation && now - hit.at < MAX_AGE_MS) return hit.viewer && { ...hit.viewer, session };
  const viewer = await loadViewer(db, session);
  const { session: _s, ...rest } = viewer ?? ({} as Viewer);
  cache.delete(session.userId);
  cache.set(session.userId, { generation, at: now, viewer: viewer ? rest : null });
  for (const k of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(k);
  }
  return viewer;
}

/** Forgets every cached reach of `db` (tests, measurements). */
export const clearViewerCache = (db: DB) => caches.get(db)?.clear();

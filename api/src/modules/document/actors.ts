// Who uploaded, submitted or decided: names for a document's history. Versions and reviews keep only
// user ids, so the names of one request are loaded together in one query (no query per row).
import type { Context } from "../../context.ts";

export interface Actor {
  id: string;
  fullName: string;
}

interface Batch {
  cache: Map<string, Promise<Actor | null>>;
  pending: Map<string, { resolve: (a: Actor | null) => void; reject: (e: unknown) => void }>;
  scheduled: boolean;
}

const batches = new WeakMap<Context, Batch>();

/** The user `id` as a history actor (name only), batched per request. */
export function actorOf(ctx: Context, id: string | null | undefined): Promise<Actor | null> {
  if (!id) return Promise.resolve(null);
  let b = batches.get(ctx);
  if (!b) batches.set(ctx, (b = { cache: new Map(), pending: new Map(), scheduled: false }));
  const hit = b.cache.get(id);
  if (hit) return hit;
  const batch = b;
  const p = new Promise<Actor | null>((resolve, reject) => batch.pending.set(id, { resolve, reject }));
  b.cache.set(id, p);
  if (!b.scheduled) {
    b.scheduled = true;
    // After the current wave of resolvers has asked for its names.
    setImmediate(async () => {
      const wanted = new Map(batch.pending);
      batch.pending.clear();
      batch.scheduled = false;
      try {
        const rows = await ctx.db.user.findMany({ where: { id: { in: [...wanted.keys()] } }, select: { id: true, fullName: true } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [key, w] of wanted) w.resolve(byId.get(key) ?? null);
      } catch (e) {
        for (const [key, w] of wanted) {
          batch.cache.delete(key);
          w.reject(e);
        }
      }
    });
  }
  return p;
}

// Per-request batching for computed fields (figures, names) that the Prisma plugin cannot select:
// every key asked for in one tick of resolution is loaded with one query, and cached for the request.

type Batch<K, V> = (keys: K[]) => Promise<Map<K, V>>;

interface Loader<K, V> {
  cache: Map<K, Promise<V | undefined>>;
  queue: { key: K; resolve(v: V | undefined): void; reject(e: unknown): void }[];
}

const loaders = new WeakMap<object, Map<string, Loader<unknown, unknown>>>();

/**
 * Loads `key` through the batch function named `name`, scoped to `scope` (the request context).
 * Keys requested while the same GraphQL tick resolves are sent to `batch` together; the result for a
 * key missing from the returned map is `undefined`.
 */
export function load<K, V>(scope: object, name: string, batch: Batch<K, V>, key: K): Promise<V | undefined> {
  let byName = loaders.get(scope);
  if (!byName) loaders.set(scope, (byName = new Map()));
  let l = byName.get(name) as Loader<K, V> | undefined;
  if (!l) byName.set(name, (l = { cache: new Map(), queue: [] }) as Loader<unknown, unknown>);
  const loader = l;
  const hit = loader.cache.get(key);
  if (hit) return hit;
  const p = new Promise<V | undefined>((resolve, reject) => {
    if (!loader.queue.length)
      // Like DataLoader: wait for the current promise jobs, then one more turn, so siblings join the batch.
      void Promise.resolve().then(() =>
        process.nextTick(async () => {
          const queued = loader.queue.splice(0);
          try {
            const got = await batch(queued.map((q) => q.key));
            for (const q of queued) q.resolve(got.get(q.key));
          } catch (e) {
            for (const q of queued) {
              loader.cache.delete(q.key);
              q.reject(e);
            }
          }
        }),
      );
    loader.queue.push({ key, resolve, reject });
  });
  loader.cache.set(key, p);
  return p;
}

/** Forgets what `scope` loaded through `name` (after a mutation changed it within the same request). */
export function forget(scope: object, name: string): void {
  loaders.get(scope)?.delete(name);
}

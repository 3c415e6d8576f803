// The seed never updates: it looks a row up by its natural key and creates it only when missing, so a
// second run writes nothing (and timestamps relative to "now" keep their first values).

/** Returns the row `find` yields, or the one `create` makes. */
export async function ensure<T>(find: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  return (await find()) ?? (await create());
}

/**
 * Runs `fn` for every item, `limit` at a time. Independent subtrees (one school's documents) go in
 * parallel to hide round-trip latency; two matches the smallest pool the seed runs on (the test setup's).
 */
export async function inParallel<T>(items: readonly T[], fn: (item: T, index: number) => Promise<void>, limit = 2): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

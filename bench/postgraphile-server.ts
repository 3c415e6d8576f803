// The generic engine of bench/school-list-vs-postgraphile.ts: PostGraphile 4 (with the connection-filter
// plugin, for the «participates in year Y» filter) serving the same database as МЭДК, in its own process,
// with the same pool size (10) and the same statement counter as bench/report-server.ts:
//   parent → { cmd: "reset" } · { cmd: "count" } → child replies { count, statements: [first words] }
//   parent → { cmd: "cpu" } → child replies process.cpuUsage()
// It runs as the database owner with no JWT and no per-request settings, so it checks no access at all:
// the comparison is with МЭДК's federal coordinator, whose reach is everything.
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import ConnectionFilterPlugin from "postgraphile-plugin-connection-filter";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");

let statements: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = typeof first === "string" ? first : (first?.text ?? "");
  statements.push(text.trim().split(/\s+/).slice(0, 2).join(" "));
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const pool = new pg.Pool({ connectionString: url, max: 10 });
const handler = postgraphile(pool, "public", {
  appendPlugins: [ConnectionFilterPlugin],
  graphileBuildOptions: { connectionFilterRelations: true },
  // Its recommended production settings: no query log, no GraphiQL, no schema watching, no mutations needed.
  disableQueryLog: true,
  graphiql: false,
  watchPg: false,
  disableDefaultMutations: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  dynamicJson: true,
  extendedErrors: [],
  retryOnInitFail: false,
});
const server = createServer(handler);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as { port: number };

process.on("message", (m: { cmd: string }) => {
  if (m.cmd === "reset") {
    statements = [];
    process.send!({ ok: true });
  } else if (m.cmd === "count") process.send!({ count: statements.length, statements });
  else if (m.cmd === "cpu")
    process.send!(process.cpuUsage()); // this process's CPU time (μs), robust to the machine's load
  else if (m.cmd === "stop") {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  }
});
process.send!({ ready: true, port });

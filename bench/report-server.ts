// The API server of the report benchmark, run as a child process of bench/report-bench.ts so that the
// load generator does not share its event loop. It counts every SQL statement sent to PostgreSQL
// (pg's Client#query, which Prisma's pg adapter uses) and reports the count over IPC:
//   parent → { cmd: "reset" } · { cmd: "count" } → child replies { count, statements: [first words] }
//   parent → { cmd: "env", key, value }: sets a setting read per request (the stored report figures switch)
//   parent → { cmd: "cpu" } → child replies process.cpuUsage()
import pg from "pg";
import { buildApp } from "../api/src/app.ts";
import { createPrisma } from "../api/src/db.ts";

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

const db = createPrisma(url);
const app = buildApp({ db, web: false });
const { port } = await app.start(Number(process.env.PORT ?? 0));

process.on("message", (m: { cmd: string }) => {
  if (m.cmd === "reset") {
    statements = [];
    process.send!({ ok: true });
  } else if (m.cmd === "count") process.send!({ count: statements.length, statements });
  else if (m.cmd === "env") {
    // Switches a setting read per request (STORED_REPORT_FIGURES), to compare both paths in one run.
    const e = m as unknown as { key: string; value: string };
    process.env[e.key] = e.value;
    process.send!({ ok: true });
  } else if (m.cmd === "cpu")
    process.send!(process.cpuUsage()); // this process's CPU time (μs), robust to the machine's load
  else if (m.cmd === "stop")
    void app
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
});
process.send!({ ready: true, port });

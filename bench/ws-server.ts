// One МЭДК instance of the subscriber benchmark (bench/ws-fanout.ts), in its own process so that its RSS
// is the server's alone. REDIS_URL in its environment makes it share events with the other instances.
//   parent → { cmd: "rss" } → child replies { rss, heap } · { cmd: "stop" }
//   parent → { cmd: "reset" } → { ok } · { cmd: "stats" } → child replies what it saw since the reset:
//     SQL statements and their summed time in flight, this process's CPU time, the event loop's delay
//     (p50/p99/max), and how many listeners each in-process event reached of how many were registered.
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { buildApp } from "../api/src/app.ts";
import { createPrisma } from "../api/src/db.ts";
import { redisBusOf } from "../api/src/pubsub.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");

// ---- what the server does while decisions are made
let statements = 0;
let sqlMs = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  const t0 = performance.now();
  const last = args[args.length - 1];
  // pg-pool passes a callback; Prisma's transactions call with none and take the promise.
  if (typeof last === "function") {
    args[args.length - 1] = (e: unknown, r: unknown) => {
      sqlMs += performance.now() - t0;
      (last as (e: unknown, r: unknown) => void)(e, r);
    };
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  }
  const r = (query as (...a: unknown[]) => unknown).apply(this, args) as Promise<unknown>;
  r?.then?.(
    () => (sqlMs += performance.now() - t0),
    () => {},
  );
  return r;
} as typeof query;

// Listeners per event type on in-process event targets (yoga's pubsub): a notification published for one
// user must reach that user's sockets only, not be offered to all of them.
const listeners = new Map<string, number>();
let dispatched = 0;
let reached = 0;
const { addEventListener, removeEventListener, dispatchEvent } = EventTarget.prototype;
EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
  if (type.startsWith("notification:created")) listeners.set(type, (listeners.get(type) ?? 0) + 1);
  return (addEventListener as (...a: unknown[]) => void).call(this, type, ...rest);
} as typeof addEventListener;
EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
  if (listeners.has(type)) listeners.set(type, listeners.get(type)! - 1);
  return (removeEventListener as (...a: unknown[]) => void).call(this, type, ...rest);
} as typeof removeEventListener;
EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
  if (event.type.startsWith("notification:created")) {
    dispatched++;
    reached += listeners.get(event.type) ?? 0;
  }
  return dispatchEvent.call(this, event);
};

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu = process.cpuUsage();

const db = createPrisma(url, { poolSize: 10 });
const app = buildApp({ db, web: false });
const { port } = await app.start(0);
// Wait for the Redis bus, when there is one, before reporting ready.
const bus = redisBusOf(app.pubsub);
while (bus && !bus.connected) await new Promise((r) => setTimeout(r, 50));

process.on("message", (m: { cmd: string }) => {
  if (m.cmd === "rss") {
    global.gc?.();
    process.send!({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
  } else if (m.cmd === "reset") {
    statements = sqlMs = dispatched = reached = 0;
    loop.reset();
    cpu = process.cpuUsage();
    process.send!({ ok: true });
  } else if (m.cmd === "stats") {
    const used = process.cpuUsage(cpu);
    let registered = 0;
    for (const n of listeners.values()) registered += n;
    process.send!({
      statements,
      sqlMs,
      cpuMs: (used.user + used.system) / 1000,
      loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      events: { dispatched, reached, registered },
    });
  } else if (m.cmd === "stop")
    void app
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
});
process.send!({ ready: true, port });

// One МЭДК instance of the subscriber benchmark (bench/ws-fanout.ts), in its own process so that its RSS
// is the server's alone. REDIS_URL in its environment makes it share events with the other instances.
//   parent → { cmd: "rss" } → child replies { rss, sockets } · { cmd: "stop" }
import { buildApp } from "../api/src/app.ts";
import { createPrisma } from "../api/src/db.ts";
import { redisBusOf } from "../api/src/pubsub.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
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
  } else if (m.cmd === "stop") void app.stop().then(() => db.$disconnect()).then(() => process.exit(0));
});
process.send!({ ready: true, port });

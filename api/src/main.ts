// `pnpm start`: database (embedded unless DATABASE_URL), migrations, demo world on first start, server.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { config, env } from "./config.ts";
import { createPrisma } from "./db.ts";
import { migrate, openDatabase, seedIfEmpty } from "./db/bootstrap.ts";
import { buildApp } from "./app.ts";
import { startScheduler } from "./modules/deadline/scheduler.ts";
import { startMailWorker } from "./modules/mail/worker.ts";

const t0 = Date.now();
const database = await openDatabase();
console.log(`База данных: ${database.embedded ? `встроенная PostgreSQL (${config.dataDir}/pg)` : "внешняя (DATABASE_URL)"}`);
await migrate(database.url);
const db = createPrisma(database.url);
if (await seedIfEmpty(db)) console.log("Загружен демонстрационный мир (пароль всех демо-учётных записей: demo-password)");
// `pnpm dev`: the web app through Vite's dev server (HMR) instead of the built one.
let dev: ((req: any, res: any, next: () => void) => void) | undefined;
const app = buildApp({ db, web: env.dev() ? (req, res, next) => dev!(req, res, next) : undefined });
if (env.dev()) {
  const webDir = fileURLToPath(new URL("../../web/", import.meta.url));
  const vitePath = createRequire(`${webDir}package.json`).resolve("vite");
  const vite = await import(pathToFileURL(vitePath).href);
  const server = await vite.createServer({ root: webDir, server: { middlewareMode: true, hmr: { server: app.server } }, appType: "custom" });
  dev = server.middlewares;
}
const { url } = await app.start(config.port, config.host);
if (env.redisUrl()) console.log("Шина событий: Redis (REDIS_URL) — события доходят до всех экземпляров");
// Deadline alerts: pg-boss on the same database; MEDK_SCHEDULER=0 leaves the scans to other instances.
const scheduler = !env.scheduler() ? null : await startScheduler({ databaseUrl: database.url, db, pubsub: app.pubsub });
// E-mail: only with SMTP_URL; without it nothing is queued and invitation links are handed over by hand.
const mail = await startMailWorker({ databaseUrl: database.url, db, schedules: env.scheduler() });
console.log(mail ? "Почта: отправка через SMTP_URL включена" : "Почта: SMTP_URL не задан — письма не отправляются, ссылки-приглашения передаются вручную");
console.log(`МЭДК работает: ${url} (запуск ${((Date.now() - t0) / 1000).toFixed(1)} с)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await app.stop().catch(() => {});
    await scheduler?.stop().catch(() => {});
    await mail?.stop().catch(() => {});
    await db.$disconnect().catch(() => {});
    await database.stop().catch(() => {});
    process.exit(0);
  });

import { startEmbeddedPostgres } from "../api/src/db/embedded-pg.ts";
const db = await startEmbeddedPostgres({ dataDir: ".data/devpg", port: 54329 });
console.log(db.url);
process.on("SIGTERM", async () => { await db.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);

// `tsx prisma/seed.ts` loads the demo world into DATABASE_URL; `--scale national` then adds the
// national-scale data set (85 regions, 40,000 schools, ≈450k measures) on top of it.
import { createPrisma } from "../api/src/db.ts";
import { seedDemo } from "./seed/demo.ts";
import { seedNational } from "./seed/national.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
// `--scale national` or `--scale=national`
const arg = process.argv.findIndex((a) => a === "--scale" || a.startsWith("--scale="));
const scale = arg < 0 ? "demo" : (process.argv[arg]!.split("=")[1] ?? process.argv[arg + 1]);
if (scale !== "demo" && scale !== "national") throw new Error(`unknown --scale ${scale} (demo | national)`);

const started = performance.now();
const db = createPrisma(url, { poolSize: 4 });
try {
  await seedDemo(db);
  console.log(`Демонстрационный мир загружен за ${((performance.now() - started) / 1000).toFixed(1)} с.`);
} finally {
  await db.$disconnect();
}

if (scale === "national") {
  const { rows, ms } = await seedNational(url, { onProgress: (msg) => console.log(msg) });
  const s = ms / 1000;
  const total = (performance.now() - started) / 1000;
  console.log(`national: ${rows} rows in ${s.toFixed(1)} s (${Math.round(rows / Math.max(s, 0.001))} rows/s); ` + `whole seed ${total.toFixed(1)} s`);
}

// pnpm db:migrate | db:reset | db:seed [--scale national] — on DATABASE_URL or the embedded database.
import { createPrisma } from "../api/src/db.ts";
import { migrate, openDatabase } from "../api/src/db/bootstrap.ts";

const [command, ...rest] = process.argv.slice(2);
const database = await openDatabase();
try {
  if (command === "reset") {
    const db = createPrisma(database.url);
    // Drops every table of the app (and pg-boss's schema) and builds it again from the migrations.
    await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS public CASCADE`);
    await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS pgboss CASCADE`);
    await db.$executeRawUnsafe(`CREATE SCHEMA public`);
    await db.$disconnect();
    await migrate(database.url);
    const { seedDemo } = await import("../prisma/seed/demo.ts");
    const db2 = createPrisma(database.url);
    await seedDemo(db2);
    await db2.$disconnect();
    console.log("База пересоздана, демонстрационный мир загружен.");
  } else if (command === "migrate") {
    await migrate(database.url);
    console.log("Миграции применены.");
  } else if (command === "seed") {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.argv = [process.argv[0]!, "prisma/seed.ts", ...rest];
    await import("../prisma/seed.ts");
  } else {
    console.error("Использование: tsx scripts/db.ts migrate|reset|seed [--scale national]");
    process.exitCode = 2;
  }
} finally {
  await database.stop();
}

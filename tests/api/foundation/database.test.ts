// The database itself: migrations from empty, an idempotent demo seed, and constraints that hold
// whatever the application does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { migrate } from "../../../api/src/db/bootstrap.ts";
import { seedDemo } from "../../../prisma/seed/demo.ts";

// A database of its own on the same server, so concurrent test files cannot change its digest.
let url: string;
let admin: pg.Client;
let db: DB;
const name = `medk_fresh_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  const base = new URL(process.env.DATABASE_URL!);
  admin = new pg.Client({ connectionString: base.toString().replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  base.pathname = `/${name}`;
  url = base.toString();
  db = createPrisma(url, { poolSize: 3 });
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/** md5 of every table's rows in a stable order: equal digests mean nothing changed. */
async function digest(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; h: string | null }[]>(`SELECT count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM "${t}" x`);
    out[t] = `${row!.n}:${row!.h}`;
  }
  return out;
}

describe("migrations", () => {
  it("apply cleanly on an empty database and create every table", async () => {
    await migrate(url);
    const tables = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(Number(tables[0]!.n)).toBeGreaterThanOrEqual(35);
    await migrate(url); // and a second deploy is a no-op
  });
});

describe("demo seed", () => {
  it("loads the demo world and running it again changes nothing", async () => {
    await seedDemo(db);
    const first = await digest();
    expect(first.Region!.startsWith("0:")).toBe(false);
    expect(Number(first.User!.split(":")[0])).toBeGreaterThan(15);
    await seedDemo(db);
    expect(await digest()).toEqual(first);
  });

  it("holds every demo account of API.md with its role", async () => {
    const roles = await db.user.findMany({
      where: { email: { endsWith: "@demo.medk.ru" } },
      select: { email: true, roles: { select: { role: true } } },
    });
    const byEmail = Object.fromEntries(roles.map((u) => [u.email, u.roles.map((r) => r.role)]));
    expect(byEmail["fioco@demo.medk.ru"]).toContain("FEDERAL_COORDINATOR");
    expect(byEmail["region75@demo.medk.ru"]).toContain("REGIONAL_COORDINATOR");
    expect(byEmail["region62@demo.medk.ru"]).toContain("REGIONAL_COORDINATOR");
    expect(byEmail["baley@demo.medk.ru"]).toContain("MUNICIPAL_COORDINATOR");
    expect(byEmail["curator1@demo.medk.ru"]).toContain("CURATOR");
    expect(byEmail["curator2@demo.medk.ru"]).toContain("CURATOR");
    expect(byEmail["school.undino@demo.medk.ru"]).toContain("SCHOOL");
    expect(byEmail["school.zhidka@demo.medk.ru"]).toContain("SCHOOL");
  });
});

describe("constraints", () => {
  const rejects = (sql: string) => expect(db.$executeRawUnsafe(sql)).rejects.toThrow();

  it("reject a measure due before it starts", async () => {
    const roadmap = await db.roadmap.findFirstOrThrow({ where: { participationId: { not: null } } });
    await expect(db.measure.create({ data: { roadmapId: roadmap.id, position: 999, title: "Проверка", startDate: new Date("2026-05-10"), dueDate: new Date("2026-05-01") } })).rejects.toThrow(
      /measure_dates/,
    );
  });

  it("reject a document version without a file", async () => {
    const doc = await db.document.findFirstOrThrow();
    const user = await db.user.findFirstOrThrow();
    await rejects(`INSERT INTO "DocumentVersion" ("documentId", number, "fileId", "uploadedById") VALUES ('${doc.id}', 999, NULL, '${user.id}')`);
  });

  it("reject a duplicate participation of a school in one year", async () => {
    const p = await db.participation.findFirstOrThrow();
    await expect(db.participation.create({ data: { schoolId: p.schoolId, programmeYearId: p.programmeYearId } })).rejects.toThrow();
  });

  it("reject a second concept document of the same kind for one participation", async () => {
    const d = await db.document.findFirstOrThrow({ where: { kind: "CONCEPT" } });
    await expect(db.document.create({ data: { participationId: d.participationId, kind: "CONCEPT" } })).rejects.toThrow();
  });

  it("reject an anti-risk programme without its risk factor", async () => {
    const p = await db.participation.findFirstOrThrow();
    await expect(db.document.create({ data: { participationId: p.id, kind: "ANTI_RISK_PROGRAMME" } })).rejects.toThrow(/document_risk_factor/);
  });

  it("reject a return decision without a comment, blank or missing", async () => {
    const v = await db.documentVersion.findFirstOrThrow({ where: { reviews: { none: {} } } });
    for (const comment of ["   ", null])
      await expect(db.review.create({ data: { documentId: v.documentId, versionId: v.id, decision: "RETURNED", comment, reviewerId: v.uploadedById } })).rejects.toThrow(/review_return_comment/);
  });

  it("reject a regional coordinator role without its region", async () => {
    const u = await db.user.findFirstOrThrow();
    await expect(db.roleAssignment.create({ data: { userId: u.id, role: "REGIONAL_COORDINATOR" } })).rejects.toThrow(/role_scope_shape/);
  });

  it("reject an e-mail that is not lower-case", async () => {
    await expect(db.user.create({ data: { email: "Someone@Demo.ru", fullName: "Тест" } })).rejects.toThrow(/user_email_lower/);
  });

  it("reject a cancelled measure without a reason", async () => {
    const roadmap = await db.roadmap.findFirstOrThrow();
    await expect(db.measure.create({ data: { roadmapId: roadmap.id, position: 998, title: "Проверка", status: "CANCELLED" } })).rejects.toThrow(/measure_cancel_reason/);
  });
});

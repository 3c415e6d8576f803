// Bulk writes of the registry as one JSON parameter per few thousand rows (jsonb_to_recordset): a national
// file is 40,000 rows, and building that many rows through the ORM's query compiler costs more time and
// memory than the database spends writing them.
import type { Prisma } from "../../db.ts";
import { chunk, type Judged } from "./kinds.ts";

type Raw = { $executeRaw: Prisma.TransactionClient["$executeRaw"] };
const PART = 5000;

/** Stores the preview's judgement of every row. */
export async function insertImportRows(db: Raw, importId: string, rows: Judged<unknown>[]) {
  for (const part of chunk(rows, PART)) {
    const json = JSON.stringify(part.map((r) => ({ n: r.rowNumber, o: r.outcome, d: r.data, t: r.targetId, c: r.changes, p: r.problems.length ? r.problems : null })));
    await db.$executeRaw`
      INSERT INTO "RegistryImportRow" ("importId", "rowNumber", "outcome", "data", "targetId", "changes", "problems")
      SELECT ${importId}::uuid, t.n, t.o::"RegistryRowOutcome", t.d, t.t, t.c, t.p
      FROM jsonb_to_recordset(${json}::jsonb) AS t(n int, o text, d jsonb, t uuid, c jsonb, p jsonb)`;
  }
}

export interface NewSchool {
  id: string;
  municipalityId: string;
  fullName: string;
  shortName: string;
  inn: string;
  ogrn: string | null;
  address: string | null;
  canHostCurators: boolean;
}

/** Creates schools of the registry (inside the caller's transaction). */
export async function insertSchools(tx: Raw, schools: NewSchool[]) {
  for (const part of chunk(schools, PART))
    await tx.$executeRaw`
      INSERT INTO "School" ("id", "municipalityId", "fullName", "shortName", "inn", "ogrn", "address", "canHostCurators")
      SELECT t."id", t."municipalityId", t."fullName", t."shortName", t."inn", t."ogrn", t."address", t."canHostCurators"
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        AS t("id" uuid, "municipalityId" uuid, "fullName" text, "shortName" text, "inn" text, "ogrn" text, "address" text, "canHostCurators" boolean)`;
}

/** Writes audit events (inside the caller's transaction). */
export async function insertAudits(tx: Raw, events: Prisma.AuditEventCreateManyInput[]) {
  for (const part of chunk(events, PART))
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("actorId", "action", "entityType", "entityId", "schoolId", "before", "after", "reason")
      SELECT t."actorId", t."action", t."entityType", t."entityId", t."schoolId", t."before", t."after", t."reason"
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        AS t("actorId" uuid, "action" text, "entityType" text, "entityId" text, "schoolId" uuid, "before" jsonb, "after" jsonb, "reason" text)`;
}

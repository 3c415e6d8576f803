// Extra accounts beside a seeded world (observers, regional coordinators, a second curator), with the
// test password, so a file can try every role against its own world.
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { DB } from "../../api/src/db.ts";
import type { Role } from "../../prisma/generated/client/client.ts";
import { TEST_PASSWORD } from "./seed.ts";

let passwordHash: Promise<string> | undefined;

/** A user holding `role` with the given scope (region, municipality or school id). */
export async function addUser(db: DB, role: Role, scope: { regionId?: string; municipalityId?: string; schoolId?: string } = {}): Promise<{ id: string; email: string }> {
  const email = `${role.toLowerCase()}.${randomUUID().slice(0, 8)}@test.medk.ru`;
  const u = await db.user.create({
    data: { email, fullName: `Тест ${role} ${email.slice(0, 20)}`, passwordHash: await (passwordHash ??= hash(TEST_PASSWORD)), roles: { create: { role, ...scope } } },
  });
  return { id: u.id, email };
}

// Who is notified about a school is one definition (notification/audience.ts): a curator whose role
// was revoked but whose assignment row is still there hears nothing more about the school — neither
// from a submitted document nor from the deadline scan.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { pdf, upload, uploaded } from "../document/kit.ts";
import { audienceOf } from "../../../api/src/modules/notification/audience.ts";

let s: TestServer;
let w: World;
let former: { id: string };
let school: string;

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-audience-"));
  s = await startServer();
  w = await seedWorld(s.db);
  // A second curator of the school whose CURATOR role was taken away; the assignment row outlived it.
  former = await s.db.user.create({
    data: { email: `former.${Date.now()}@test.medk.ru`, fullName: "Бывший куратор", passwordHash: "x", roles: { create: { role: "CURATOR" } } },
  });
  await s.db.curatorAssignment.create({ data: { curatorId: former.id, participationId: w.participationId } });
  await s.db.roleAssignment.deleteMany({ where: { userId: former.id, role: "CURATOR" } });
  school = await s.signIn(w.users.school.email, TEST_PASSWORD);
});
afterAll(() => s?.stop());

const place = () => ({ participationId: w.participationId, schoolId: w.schoolId, municipalityId: w.municipalityId });

describe("the audience of a school", () => {
  it("holds the school, its current curator and the municipal coordinator — not a former curator", async () => {
    expect(await audienceOf(s.db, place(), ["school"])).toEqual([w.users.school.id]);
    expect(await audienceOf(s.db, place(), ["curators"])).toEqual([w.users.curator.id]);
    expect((await audienceOf(s.db, place(), ["school", "curators", "municipal"])).sort()).toEqual([w.users.school.id, w.users.curator.id, w.users.municipal.id].sort());
  });

  it("a submitted document notifies the curator and the municipality, never the former curator", async () => {
    const d = uploaded(await upload(s, school, { participationId: gid("Participation", w.participationId), kind: "CONCEPT" }, { name: "Концепция.pdf", bytes: pdf("audience") }));
    const r = await s.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename ... on Error { code message } } }`, { id: d.id }, { token: school });
    expect(r.data.submitDocument.__typename).toBe("MutationSubmitDocumentSuccess");
    const notified = await s.db.notification.findMany({ where: { kind: "DOCUMENT_SUBMITTED", payload: { path: ["documentId"], equals: d.id } }, select: { recipientId: true } });
    expect(notified.map((n) => n.recipientId).sort()).toEqual([w.users.curator.id, w.users.municipal.id].sort());
  });
});

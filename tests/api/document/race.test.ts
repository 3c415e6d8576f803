// Two reviewers racing on one document: 50 concurrent approve/return calls record exactly one
// decision; every other caller is told «Документ уже рассмотрен».
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { pdf, upload, uploaded } from "./kit.ts";

const DECIDE = `mutation($id: ID!, $comment: String!, $approve: Boolean!) {
  approve: approveDocument(id: $id, comment: $comment) @include(if: $approve) {
    __typename ... on DomainError { code message } ... on MutationApproveDocumentSuccess { data { status } }
  }
  return: returnDocument(id: $id, comment: $comment) @skip(if: $approve) {
    __typename ... on DomainError { code message } ... on MutationReturnDocumentSuccess { data { status } }
  }
}`;

let s: TestServer;
let w: World;
let school: string;
let reviewers: string[];

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-doc-race-"));
  s = await startServer();
  w = await seedWorld(s.db);
  // A second curator assigned to the same school: two people may decide.
  const second = await s.db.user.create({
    data: {
      email: `curator2.${w.participationId.slice(0, 8)}@test.medk.ru`,
      fullName: "Второй куратор",
      passwordHash: (await s.db.user.findUniqueOrThrow({ where: { id: w.users.curator.id } })).passwordHash,
      roles: { create: { role: "CURATOR" } },
      curatorships: { create: { participationId: w.participationId } },
    },
  });
  school = await s.signIn(w.users.school.email, TEST_PASSWORD);
  reviewers = [await s.signIn(w.users.curator.email, TEST_PASSWORD), await s.signIn(second.email, TEST_PASSWORD)];
});
afterAll(() => s?.stop());

async function submitted(kind: string) {
  const d = uploaded(await upload(s, school, { participationId: gid("Participation", w.participationId), kind }, { name: "к.pdf", bytes: pdf(kind) }));
  const r = await s.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename } }`, { id: d.id }, { token: school });
  expect(r.data.submitDocument.__typename).toBe("MutationSubmitDocumentSuccess");
  return { gid: d.id as string, id: Buffer.from(d.id, "base64").toString().split(":")[1]! };
}

describe("racing reviewers", () => {
  it("50 concurrent decisions by two curators record exactly one; the other 49 get ALREADY_DECIDED", async () => {
    const doc = await submitted("CONCEPT");
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.gql(DECIDE, { id: doc.gid, comment: `решение ${i}`, approve: i % 2 === 0 }, { token: reviewers[i % 2] })));
    const payloads = results.map((r) => {
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return (r.data.approve ?? r.data.return) as { __typename: string; code?: string; message?: string; data?: { status: string } };
    });
    const winners = payloads.filter((p) => p.__typename !== "DomainError");
    const losers = payloads.filter((p) => p.__typename === "DomainError");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const l of losers) expect(l).toEqual({ __typename: "DomainError", code: "ALREADY_DECIDED", message: "Документ уже рассмотрен" });

    const row = await s.db.document.findUniqueOrThrow({ where: { id: doc.id }, include: { reviews: true } });
    expect(row.reviews).toHaveLength(1);
    expect(row.status).toBe(winners[0]!.data!.status);
    expect(row.status).toBe(row.reviews[0]!.decision);
    const decisions = await s.db.auditEvent.count({ where: { entityId: doc.id, action: { in: ["document.approved", "document.returned"] } } });
    expect(decisions).toBe(1);
    const notified = await s.db.notification.count({ where: { recipientId: w.users.school.id, kind: { in: ["DOCUMENT_APPROVED", "DOCUMENT_RETURNED"] } } });
    expect(notified).toBe(1);
  });

  it("a decision that names a revision it did not see is refused", async () => {
    const doc = await submitted("MEDIUM_TERM_PROGRAMME");
    const rev = (await s.db.document.findUniqueOrThrow({ where: { id: doc.id } })).revision;
    const stale = await s.gql(
      `mutation($id: ID!, $rev: Int) { approveDocument(id: $id, expectedRevision: $rev) { __typename ... on DomainError { code } } }`,
      { id: doc.gid, rev: rev - 1 },
      { token: reviewers[0] },
    );
    expect(stale.data.approveDocument).toEqual({ __typename: "DomainError", code: "DOCUMENT_CHANGED" });
    const fresh = await s.gql(`mutation($id: ID!, $rev: Int) { approveDocument(id: $id, expectedRevision: $rev) { __typename } }`, { id: doc.gid, rev }, { token: reviewers[1] });
    expect(fresh.data.approveDocument.__typename).toBe("MutationApproveDocumentSuccess");
  });
});

// Live delivery over graphql-ws: the school hears the decision within a second, reviewers hear of new
// submissions, nobody else hears anything, and a client that was away catches up with
// notifications(since: <last seen seq>) — nothing lost, nothing twice.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { pdf, upload, uploaded } from "./kit.ts";

const NOTIFICATIONS = `subscription { notificationReceived { seq kind title payload } }`;

let s: TestServer;
let w: World;
let neighbour: World;
let far: World;
const t: Record<string, string> = {};

/** Everything a client hears on a subscription, until stopped. */
function listen(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const got: { at: number; data?: any; errors?: unknown }[] = [];
  let failure: unknown = null;
  const waiters: (() => void)[] = [];
  const stop = client.subscribe(
    { query, variables },
    {
      next: (v) => {
        got.push({ at: performance.now(), ...(v as object) });
        waiters.splice(0).forEach((f) => f());
      },
      error: (e) => {
        failure = e;
        waiters.splice(0).forEach((f) => f());
      },
      complete: () => {},
    },
  );
  return {
    got,
    get failure() {
      return failure;
    },
    stop,
    /** Resolves when `n` events arrived (or fails after `ms`). */
    async until(n: number, ms = 3000) {
      const deadline = Date.now() + ms;
      while (got.length < n && !failure) {
        if (Date.now() > deadline) throw new Error(`${got.length}/${n} events after ${ms} ms`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return got;
    },
  };
}

/** A subscription is registered on the server a moment after subscribe(): give it that moment. */
const settle = () => new Promise((r) => setTimeout(r, 300));

async function submittedDocument(kind: string) {
  const d = uploaded(await upload(s, t.school!, { participationId: gid("Participation", w.participationId), kind }, { name: "документ.pdf", bytes: pdf(kind) }));
  const r = await s.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename } }`, { id: d.id }, { token: t.school });
  expect(r.data.submitDocument.__typename).toBe("MutationSubmitDocumentSuccess");
  return d.id as string;
}

const decide = (id: string, approve: boolean, comment = "Решение куратора") =>
  s.gql(
    approve ? `mutation($id: ID!, $c: String) { approveDocument(id: $id, comment: $c) { __typename } }` : `mutation($id: ID!, $c: String!) { returnDocument(id: $id, comment: $c) { __typename } }`,
    { id, c: comment },
    { token: t.curator },
  );

beforeAll(async () => {
  process.env.MEDK_STORAGE_DIR = mkdtempSync(join(tmpdir(), "medk-doc-live-"));
  s = await startServer();
  w = await seedWorld(s.db);
  neighbour = await seedWorld(s.db);
  far = await seedWorld(s.db, { regionCode: 62 });
  const people = {
    ...w.users,
    neighbourSchool: neighbour.users.school,
    neighbourCurator: neighbour.users.curator,
    neighbourMunicipal: neighbour.users.municipal,
    farSchool: far.users.school,
    farMunicipal: far.users.municipal,
  };
  for (const [k, u] of Object.entries(people)) t[k] = await s.signIn(u.email, TEST_PASSWORD);
});
afterAll(() => s?.stop());

describe("live notifications", () => {
  it("the school's client receives the decision within a second of the curator's mutation; outsiders receive nothing", async () => {
    const id = await submittedDocument("CONCEPT");
    const school = listen(s.ws(t.school), NOTIFICATIONS);
    const outsiders = ["neighbourSchool", "neighbourCurator", "neighbourMunicipal", "farSchool", "farMunicipal"].map((k) => listen(s.ws(t[k]), NOTIFICATIONS));
    await settle();
    const t0 = performance.now();
    const r = await decide(id, true, "Принято");
    expect(r.data.approveDocument.__typename).toBe("MutationApproveDocumentSuccess");
    const [event] = await school.until(1, 1000);
    expect(event!.at - t0).toBeLessThan(1000);
    expect(event!.data.notificationReceived).toMatchObject({
      kind: "DOCUMENT_APPROVED",
      title: expect.stringContaining("Документ принят: Концепция развития"),
      payload: { documentId: id, schoolId: gid("School", w.schoolId), status: "APPROVED", comment: "Принято" },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(school.got).toHaveLength(1);
    for (const o of outsiders) expect(o.got).toEqual([]);
  });

  it("a new submission reaches the assigned curator and the municipal coordinator live, and not the school", async () => {
    const curator = listen(s.ws(t.curator), NOTIFICATIONS);
    const municipal = listen(s.ws(t.municipal), NOTIFICATIONS);
    const school = listen(s.ws(t.school), NOTIFICATIONS);
    const neighbourCurator = listen(s.ws(t.neighbourCurator), NOTIFICATIONS);
    await settle();
    const id = await submittedDocument("MEDIUM_TERM_PROGRAMME");
    for (const c of [curator, municipal]) {
      const [e] = await c.until(1);
      expect(e!.data.notificationReceived).toMatchObject({ kind: "DOCUMENT_SUBMITTED", payload: { documentId: id } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(school.got).toEqual([]);
    expect(neighbourCurator.got).toEqual([]);
  });

  it("the open document page follows the document; others cannot subscribe to it", async () => {
    const id = await submittedDocument("ROADMAP_ATTACHMENT");
    const page = listen(s.ws(t.school), `subscription($id: ID!) { documentUpdated(id: $id) { id status reviews { comment } } }`, { id });
    const spy = listen(s.ws(t.neighbourSchool), `subscription($id: ID!) { documentUpdated(id: $id) { id status } }`, { id });
    await settle();
    await decide(id, false, "Уточните сроки");
    const [e] = await page.until(1);
    expect(e!.data.documentUpdated).toEqual({ id, status: "RETURNED", reviews: [{ comment: "Уточните сроки" }] });
    await spy.until(1).catch(() => {});
    expect(spy.got.every((g) => !g.data?.documentUpdated)).toBe(true);
    expect(JSON.stringify(spy.got[0]?.errors ?? spy.failure)).toContain("NOT_FOUND");
  });
});

describe("catching up after being offline", () => {
  it("a client that reconnects gets exactly what it missed with notifications(since:), then live events once each", async () => {
    const FEED = `query($since: Int) { notifications(first: 100, since: $since) { totalCount edges { node { seq kind } } } }`;
    const attachment = gid("Document", (await s.db.document.findFirstOrThrow({ where: { participationId: w.participationId, kind: "ROADMAP_ATTACHMENT" } })).id);
    const medium = gid("Document", (await s.db.document.findFirstOrThrow({ where: { participationId: w.participationId, kind: "MEDIUM_TERM_PROGRAMME" } })).id);
    const resubmit = async (id: string, v: string) => {
      uploaded(await upload(s, t.school!, { documentId: id }, { name: `${v}.pdf`, bytes: pdf(v) }));
      await s.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename } }`, { id }, { token: t.school });
    };

    // Online: the client hears a decision and remembers its seq.
    const online = s.ws(t.school);
    const before = listen(online, NOTIFICATIONS);
    await settle();
    await decide(medium, true);
    const [seen] = await before.until(1);
    const lastSeen = seen!.data.notificationReceived.seq as number;
    await online.dispose();

    // Offline: two more decisions on the school's attachment.
    await resubmit(attachment, "v2");
    await decide(attachment, false, "Снова доработать");
    await resubmit(attachment, "v3");
    await decide(attachment, true);

    // Back: subscribe first (so nothing falls between), then ask for everything after the last seen seq.
    const back = listen(s.ws(t.school), NOTIFICATIONS);
    await settle();
    const missed = await s.gql(FEED, { since: lastSeen }, { token: t.school });
    const kinds = missed.data.notifications.edges.map((e: any) => e.node);
    expect(missed.data.notifications.totalCount).toBe(2);
    expect(kinds.map((k: any) => k.kind)).toEqual(["DOCUMENT_APPROVED", "DOCUMENT_RETURNED"]);
    expect(kinds[0].seq).toBeGreaterThan(kinds[1].seq);
    expect(kinds[1].seq).toBeGreaterThan(lastSeen);
    expect(back.got).toEqual([]);

    // Live again: the next decision arrives once, and the feed after the caught-up seq holds just it.
    const caughtUp = kinds[0].seq as number;
    await s.db.riskProfile.create({
      data: {
        participationId: w.participationId,
        entries: { create: { riskFactorId: (await s.db.riskFactor.findFirstOrThrow({ where: { programmeYearId: w.programmeYearId } })).id, significance: "HIGH", chosen: true } },
      },
    });
    const factor = await s.db.riskProfileEntry.findFirstOrThrow({ where: { profile: { participationId: w.participationId } } });
    const anti = uploaded(
      await upload(
        s,
        t.school!,
        { participationId: gid("Participation", w.participationId), kind: "ANTI_RISK_PROGRAMME", riskFactorId: gid("RiskFactor", factor.riskFactorId) },
        { name: "Программа.pdf", bytes: pdf("anti") },
      ),
    );
    await s.gql(`mutation($id: ID!) { submitDocument(id: $id) { __typename } }`, { id: anti.id }, { token: t.school });
    await decide(anti.id, true);
    const [live] = await back.until(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(back.got).toHaveLength(1);
    const after = await s.gql(FEED, { since: caughtUp }, { token: t.school });
    expect(after.data.notifications.edges.map((e: any) => e.node.seq)).toEqual([live!.data.notificationReceived.seq]);
  });

  it("the bell counts unread notifications and marks them read", async () => {
    const count = async () => (await s.gql(`{ unreadNotificationsCount }`, {}, { token: t.school })).data.unreadNotificationsCount as number;
    const unread = await count();
    expect(unread).toBeGreaterThanOrEqual(4);
    const marked = await s.gql(`mutation { markNotificationsRead }`, {}, { token: t.school });
    expect(marked.data.markNotificationsRead).toBe(unread);
    expect(await count()).toBe(0);
  });
});

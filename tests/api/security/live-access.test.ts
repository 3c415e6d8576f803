// Open subscriptions follow access changes at once (issue 16.5): a curator unassigned from a school stops
// hearing that school on an already open socket; a deactivated user or an expired session loses the socket.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { config } from "../../../api/src/config.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

/** Everything a client hears on one subscription. */
function listen(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const got: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }[] = [];
  const state = { error: null as unknown, complete: false };
  client.subscribe(
    { query, variables },
    {
      next: (v) => void got.push(v as any),
      error: (e) => void (state.error = e),
      complete: () => void (state.complete = true),
    },
  );
  return { got, state };
}

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
/** Subscriptions start asynchronously: publish until the first event is heard. */
async function untilHeard(heard: () => boolean, publish: () => void, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!heard()) {
    if (Date.now() > deadline) throw new Error(`nothing heard within ${ms} ms`);
    publish();
    await new Promise((r) => setTimeout(r, 150));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 400));

async function schoolWithRoadmapAndDocument(w: World) {
  const roadmap = await s.db.roadmap.create({ data: { programmeYearId: w.programmeYearId, participationId: w.participationId, title: "Дорожная карта" } });
  const document = await s.db.document.create({ data: { participationId: w.participationId, kind: "CONCEPT" } });
  return { roadmapId: roadmap.id, documentId: document.id };
}

const ROADMAP = "subscription($id: ID!) { roadmapUpdated(id: $id) { id title } }";
const DOCUMENT = "subscription($id: ID!) { documentUpdated(id: $id) { id status } }";
const UNASSIGN = "mutation($c: ID!, $p: ID!) { unassignCurator(curatorId: $c, participationId: $p) { id } }";

describe("curator unassigned", () => {
  it("an open roadmapUpdated and documentUpdated of that school end with FORBIDDEN and hear nothing more", async () => {
    const w = await seedWorld(s.db);
    const { roadmapId, documentId } = await schoolWithRoadmapAndDocument(w);
    const region = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
    const [curator, coordinator] = await Promise.all([s.signIn(w.users.curator.email, TEST_PASSWORD), s.signIn(region.email, TEST_PASSWORD)]);
    const socket = s.ws(curator);
    const roadmap = listen(socket, ROADMAP, { id: gid("Roadmap", roadmapId) });
    const document = listen(socket, DOCUMENT, { id: gid("Document", documentId) });
    // A notification subscription on the same socket is not about the school: it stays open.
    const notifications = listen(socket, "subscription { notificationReceived { title } }");
    await untilHeard(
      () => roadmap.got.length > 0,
      () => s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId }),
    );
    await untilHeard(
      () => document.got.length > 0,
      () => s.app.pubsub.publish("document:updated", documentId, { documentId }),
    );
    roadmap.got.length = 0;
    document.got.length = 0;

    const r = await s.gql(UNASSIGN, { c: gid("User", w.users.curator.id), p: gid("Participation", w.participationId) }, { token: coordinator });
    expect(r.errors).toBeUndefined();
    await waitFor(() => roadmap.state.complete && document.state.complete, 3000);
    expect(roadmap.got[0]!.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect(document.got[0]!.errors![0]!.extensions!.code).toBe("FORBIDDEN");

    s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });
    s.app.pubsub.publish("document:updated", documentId, { documentId });
    await settle();
    expect(roadmap.got).toHaveLength(1);
    expect(document.got).toHaveLength(1);
    expect(notifications.state).toEqual({ error: null, complete: false });

    // A new subscription on the same socket is judged by the access the curator has now.
    const again = listen(socket, ROADMAP, { id: gid("Roadmap", roadmapId) });
    await waitFor(() => again.got.length > 0 || !!again.state.error, 3000);
    expect(JSON.stringify(again.got[0]?.errors ?? again.state.error)).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it("a curator assigned to another school keeps hearing the school it still curates", async () => {
    const w = await seedWorld(s.db);
    const other = await seedWorld(s.db, {});
    const { roadmapId } = await schoolWithRoadmapAndDocument(w);
    const region = await addUser(s.db, "REGIONAL_COORDINATOR", { regionId: w.regionId });
    const [curator, coordinator] = await Promise.all([s.signIn(w.users.curator.email, TEST_PASSWORD), s.signIn(region.email, TEST_PASSWORD)]);
    const roadmap = listen(s.ws(curator), ROADMAP, { id: gid("Roadmap", roadmapId) });
    await untilHeard(
      () => roadmap.got.length > 0,
      () => s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId }),
    );
    roadmap.got.length = 0;
    const r = await s.gql(
      "mutation($c: ID!, $p: ID!) { assignCurator(curatorId: $c, participationId: $p) { id } }",
      { c: gid("User", w.users.curator.id), p: gid("Participation", other.participationId) },
      { token: coordinator },
    );
    expect(r.errors).toBeUndefined();
    await settle();
    s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });
    await waitFor(() => roadmap.got.length === 1);
    expect(roadmap.got[0]!.data.roadmapUpdated.id).toBe(gid("Roadmap", roadmapId));
    expect(roadmap.state.complete).toBe(false);
  });
});

describe("sessions and deactivation", () => {
  it("a deactivated user's open subscription ends and its socket closes", async () => {
    const w = await seedWorld(s.db);
    const { roadmapId } = await schoolWithRoadmapAndDocument(w);
    const [school, municipal] = await Promise.all([s.signIn(w.users.school.email, TEST_PASSWORD), s.signIn(w.users.municipal.email, TEST_PASSWORD)]);
    const roadmap = listen(s.ws(school), ROADMAP, { id: gid("Roadmap", roadmapId) });
    await untilHeard(
      () => roadmap.got.length > 0,
      () => s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId }),
    );
    roadmap.got.length = 0;
    await s.gql("mutation($u: ID!) { setUserActive(userId: $u, active: false) { active } }", { u: gid("User", w.users.school.id) }, { token: municipal });
    await waitFor(() => roadmap.state.complete || !!roadmap.state.error, 3000);
    s.app.pubsub.publish("roadmap:updated", roadmapId, { roadmapId });
    await settle();
    expect(roadmap.got.filter((g) => g.data?.roadmapUpdated)).toHaveLength(0);
  });

  it("a session that expires closes its socket with 4403 at the expiry time", async () => {
    const w = await seedWorld(s.db);
    const ttl = config.sessionTtlMs;
    config.sessionTtlMs = 2500;
    let notifications: ReturnType<typeof listen>;
    let token: string;
    try {
      // The short lifetime must hold while the socket authenticates, or the check would renew the session.
      token = await s.signIn(w.users.school.email, TEST_PASSWORD);
      notifications = listen(s.ws(token), "subscription { notificationReceived { title } }");
      await settle();
    } finally {
      config.sessionTtlMs = ttl;
    }
    expect(notifications.state.error).toBeNull();
    await waitFor(() => !!notifications.state.error, 6000);
    expect(notifications.state.error).toMatchObject({ code: 4403 });
  });

  it("a session renewed over HTTP keeps its socket past the first expiry time", async () => {
    const w = await seedWorld(s.db);
    const ttl = config.sessionTtlMs;
    config.sessionTtlMs = 2500;
    let notifications: ReturnType<typeof listen>;
    let token: string;
    try {
      // The short lifetime must hold while the socket authenticates, or the check would renew the session.
      token = await s.signIn(w.users.school.email, TEST_PASSWORD);
      notifications = listen(s.ws(token), "subscription { notificationReceived { title } }");
      await settle();
    } finally {
      config.sessionTtlMs = ttl;
    }
    // Work over HTTP renews the session (sliding expiry): the socket must stay.
    await s.db.session.update({ where: { id: token.split(".")[0] }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    await new Promise((r) => setTimeout(r, 3000));
    expect(notifications.state.error).toBeNull();
  });
});

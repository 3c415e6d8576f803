// Only the app's own origin and MEDK_ALLOWED_ORIGINS may use the API from a browser: CORS answers no other
// origin, and a request or WebSocket upgrade from another site's page with the visitor's cookie is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildApp, type App } from "../../../api/src/app.ts";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";

let db: DB;
let app: App;
let url: string;
let w: World;
let token: string;
const LISTED = "https://portal.example.ru";
const EVIL = "https://evil.example";

beforeAll(async () => {
  db = createPrisma(process.env.DATABASE_URL!, { poolSize: 3 });
  app = buildApp({ db, web: false, trustProxy: true, allowedOrigins: [LISTED] });
  ({ url } = await app.start(0));
  w = await seedWorld(db);
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "10.77.1.1" },
    body: JSON.stringify({ query: "mutation($e:String!,$p:String!){ signIn(email:$e,password:$p){ token } }", variables: { e: w.users.school.email, p: TEST_PASSWORD } }),
  });
  token = ((await res.json()) as any).data.signIn.token;
});
afterAll(async () => {
  await app.stop();
  await db.$disconnect();
});

const post = (origin: string | null) =>
  fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `medk_session=${token}`, ...(origin ? { origin } : {}) },
    body: JSON.stringify({ query: "{ viewer { email } }" }),
  });
const preflight = (origin: string) =>
  fetch(`${url}/graphql`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });

/** Opens a socket and resolves "open" or the HTTP status of the refused upgrade. */
const upgrade = (origin: string | null) =>
  new Promise<string | number>((resolve) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws", {
      headers: { cookie: `medk_session=${token}`, ...(origin ? { origin } : {}) },
    });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", () => {});
  });

describe("CORS", () => {
  it("answers the app's own origin and a listed one with credentials", async () => {
    for (const origin of [url, LISTED]) {
      const res = await preflight(origin);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      const r = await post(origin);
      expect(r.headers.get("access-control-allow-origin")).toBe(origin);
      expect(((await r.json()) as any).data.viewer.email).toBe(w.users.school.email);
    }
  });

  it("gives another origin no CORS headers and refuses its cookie request", async () => {
    const res = await preflight(EVIL);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    const r = await post(EVIL);
    expect(r.status).toBe(403);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect(await r.json()).toEqual({ errors: [{ message: "Запросы с чужого сайта не принимаются", extensions: { code: "FORBIDDEN_ORIGIN" } }] });
  });

  it("still serves clients that send no Origin (scripts, curl)", async () => {
    const r = await post(null);
    expect(((await r.json()) as any).data.viewer.email).toBe(w.users.school.email);
  });
});

describe("WebSocket upgrades", () => {
  it("refuses an upgrade with the cookie from another site's page", async () => {
    expect(await upgrade(EVIL)).toBe(403);
    expect(await upgrade("null")).toBe(403);
  });

  it("accepts the app's own origin, a listed origin and clients without an Origin", async () => {
    expect(await upgrade(url)).toBe("open");
    expect(await upgrade(LISTED)).toBe("open");
    expect(await upgrade(null)).toBe("open");
  });
});

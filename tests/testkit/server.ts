// A real МЭДК server on loopback for one test file, and small GraphQL helpers over HTTP and WebSocket.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { buildApp, type App } from "../../api/src/app.ts";
import { createPrisma, type DB } from "../../api/src/db.ts";

export interface TestServer {
  app: App;
  db: DB;
  url: string;
  /** The client address this file's requests come from. */
  ip: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, opts?: { token?: string; headers?: Record<string, string> }): Promise<GqlResult<T>>;
  signIn(email: string, password?: string): Promise<string>;
  ws(token?: string, opts?: { cookie?: string }): Client;
  stop(): Promise<void>;
}

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
  status: number;
  headers: Headers;
}

const rnd = () => Math.floor(Math.random() * 250) + 1;

/** Starts an API server on the run's database, or on `databaseUrl` (a file's own copy, see database.ts). */
export async function startServer(opts: { databaseUrl?: string } = {}): Promise<TestServer> {
  const db = createPrisma(opts.databaseUrl ?? process.env.DATABASE_URL!, { poolSize: 5 });
  // Each file signs in from its own address, so the per-IP sign-in limit of one file never blocks another.
  const app = buildApp({ db, web: false, trustProxy: true });
  const ip = `10.${rnd()}.${rnd()}.${rnd()}`;
  const { url } = await app.start(0);
  const clients: Client[] = [];
  const gql: TestServer["gql"] = async (query, variables = {}, opts = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": ip,
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<any>;
    return { ...body, status: res.status, headers: res.headers };
  };
  return {
    app,
    db,
    url,
    ip,
    gql,
    async signIn(email, password = "demo-password") {
      const r = await gql<{ signIn: { token: string } }>("mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }", { e: email, p: password });
      if (!r.data?.signIn) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(r.errors)}`);
      return r.data.signIn.token;
    },
    ws(token, opts = {}) {
      const client = createClient({
        url: url.replace("http", "ws") + "/graphql",
        webSocketImpl: opts.cookie
          ? class extends WebSocket {
              constructor(address: string, protocols?: string | string[]) {
                super(address, protocols, { headers: { cookie: opts.cookie! } });
              }
            }
          : WebSocket,
        connectionParams: token ? { authToken: token } : undefined,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) await c.dispose();
      await app.stop();
      await db.$disconnect();
    },
  };
}

/** Collects the next `n` results of a subscription, failing after `ms`. */
export function nextEvents<T = any>(client: Client, query: string, n = 1, ms = 5000): Promise<{ data?: T; errors?: unknown[] }[]> {
  return new Promise((resolve, reject) => {
    const got: { data?: T; errors?: unknown[] }[] = [];
    const timer = setTimeout(() => {
      dispose();
      reject(new Error(`timed out after ${ms} ms with ${got.length}/${n} events`));
    }, ms);
    const dispose = client.subscribe<T>(
      { query },
      {
        next: (v) => {
          got.push(v as any);
          if (got.length >= n) {
            clearTimeout(timer);
            dispose();
            resolve(got);
          }
        },
        error: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        complete: () => {},
      },
    );
  });
}

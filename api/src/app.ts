// buildApp(): one Node http server for everything on one origin — /graphql (yoga), WebSocket upgrades on
// /graphql (graphql-ws), /files/… (downloads), /healthz, and the SvelteKit app for the rest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createYoga, maskError, type YogaServerInstance } from "graphql-yoga";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { DB } from "./db.ts";
import type { Context } from "./context.ts";
import { closeTopics, createTopics, type PubSub } from "./pubsub.ts";
import { schema } from "./schema.ts";
import { isPlainLocalhost, tokenFromHeaders, validateSessionToken } from "./auth/session.ts";
import type { Viewer } from "./auth/viewer.ts";
import { closeAtSessionExpiry, reloadViewer } from "./auth/live-access.ts";
import { accessGeneration, cachedViewer } from "./auth/viewer-cache.ts";
import { config, env } from "./config.ts";
import { handleFileRequest } from "./modules/file/download.ts";
import { FILE_ROUTES } from "./modules/file/routes.ts";
import { GRAPHIQL_DEFAULT_QUERY, isGraphiQLPage } from "./modules/report/graphiql.ts";
import { useQueryLimits } from "./shared/query-limits.ts";
import { useListLimits } from "./shared/list-limits.ts";
import { FOREIGN_ORIGIN_MESSAGE, originAllowed, type OriginPolicy } from "./shared/origin.ts";
import { useUploadLimit } from "./modules/document/upload-limit.ts";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailable, isDatabaseUnavailable } from "./db/unavailable.ts";
import { useSignedInIntrospection } from "./shared/introspection.ts";
import { setSecurityHeaders } from "./shared/security-headers.ts";
import { globalIdError } from "./shared/global-id.ts";

export interface AppOptions {
  db: DB;
  pubsub?: PubSub;
  /** Serve the built SvelteKit app (web/build) for non-API paths. Default: when it exists. */
  web?: boolean | ((req: IncomingMessage, res: ServerResponse, next: () => void) => void);
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). Default: MEDK_TRUST_PROXY=1. */
  trustProxy?: boolean;
  /** Browser origins allowed besides the app's own. Default: MEDK_ALLOWED_ORIGINS. */
  allowedOrigins?: string[];
}

export interface App {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  pubsub: PubSub;
  start(port: number, host?: string): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

/** Resolves the viewer of a request from its Bearer token or session cookie; null when none is valid. */
export async function viewerFromHeaders(db: DB, headers: { authorization?: string | null; cookie?: string | null }): Promise<Viewer | null> {
  const token = tokenFromHeaders(headers);
  if (!token) return null;
  // The access generation is read before the reach is used or built: see auth/viewer-cache.ts.
  const [session, generation] = await Promise.all([validateSessionToken(db, token), accessGeneration(db)]);
  return session ? cachedViewer(db, session, generation) : null;
}

/** Whether every %-escape of a URL decodes (a malformed one is an unknown file: 404, never a 500). */
function isWellFormedPath(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

const cookieStore = new WeakMap<Request, string[]>();
const PROTO_HEADER = "x-medk-proto";

export function buildApp(opts: AppOptions): App {
  const { db } = opts;
  // With REDIS_URL set the topics travel through Redis between instances (see pubsub.ts).
  const ownPubsub = !opts.pubsub;
  const pubsub = opts.pubsub ?? createTopics();
  const trustProxy = opts.trustProxy ?? env.trustProxy();
  const originPolicy: OriginPolicy = { allowed: opts.allowedOrigins ?? config.allowedOrigins, trustProxy };
  const sameSite = (origin: string | null | undefined, host: string | null | undefined, forwardedHost: string | null | undefined) => originAllowed(origin, { host, forwardedHost }, originPolicy);
  const clientIp = (req: IncomingMessage) => {
    const forwarded = trustProxy
      ? String(req.headers["x-forwarded-for"] ?? "")
          .split(",")[0]!
          .trim()
      : "";
    return forwarded || req.socket.remoteAddress || "";
  };

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    // CORS for the app's own origin and the configured ones only; any other page gets no CORS headers.
    cors: (request) => {
      const origin = request.headers.get("origin");
      if (!origin || !sameSite(origin, request.headers.get("host"), request.headers.get("x-forwarded-host"))) return false;
      return { origin: [origin], credentials: true, methods: ["GET", "POST"] };
    },
    landingPage: false,
    // A lost database is reported once by the supervisor and the pool, not once per failed request.
    logging: {
      debug: () => {},
      info: (...args: unknown[]) => console.info(...args),
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        // Nor is an id argument of the wrong type logged: the client's mistake, answered in Russian.
        if (!args.some(isDatabaseUnavailable) && !args.some((a) => globalIdError(a))) console.error(...args);
      },
    },
    // Unexpected errors stay masked, except a lost database: that one the client should know to retry.
    // An id argument of the wrong type (refused by the relay plugin in English) is answered in Russian.
    maskedErrors: {
      maskError: (error, message, isDev) => (isDatabaseUnavailable(error) ? databaseUnavailable() : (globalIdError(error) ?? maskError(error, message, isDev))),
    },
    // Replaced by useUploadLimit below: the same streaming limit, sized for uploads, with a Russian message.
    maxRequestBodySize: false,
    graphiql: { title: "МЭДК — GraphQL", subscriptionsProtocol: "WS", defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    // GraphiQL's scripts, styles and workers inlined from the npm package: yoga's default page loads them
    // from a public CDN, which ministry networks cannot reach (a blank «Loading…» page).
    renderGraphiQL,
    plugins: [
      // Refuses "simple" cross-site requests (form posts, image GETs) that a browser would send with cookies.
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      {
        onResponse({ request, response }) {
          for (const c of cookieStore.get(request) ?? []) response.headers.append("set-cookie", c);
        },
      },
      useUploadLimit(config.uploadMaxBytes, config.requestMaxBytes),
      // Every list argument at most 500 items (or its own maxItems).
      useListLimits(),
      // Depth, alias, directive, token and cost limits for custom (analyst) queries.
      ...useQueryLimits(),
      useSignedInIntrospection(),
    ],
    context: async (initial) => {
      const ws = initial as unknown as { wsViewer?: Viewer | null; wsIp?: string };
      if ("wsViewer" in ws) {
        return { db, pubsub, viewer: ws.wsViewer ?? null, ip: ws.wsIp ?? "", setCookies: [], secureCookies: true, userAgent: null };
      }
      const request = initial.request;
      const setCookies: string[] = [];
      cookieStore.set(request, setCookies);
      const url = new URL(request.url);
      const viewer = await viewerFromHeaders(db, {
        authorization: request.headers.get("authorization"),
        cookie: request.headers.get("cookie"),
      });
      const ip = (initial as { ip?: string }).ip ?? "";
      return {
        db,
        pubsub,
        viewer,
        ip,
        setCookies,
        secureCookies: env.insecureCookies() ? false : !isPlainLocalhost(url),
        userAgent: request.headers.get("user-agent"),
        cookie: request.headers.get("cookie"),
      };
    },
  });

  let webHandler: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | null = typeof opts.web === "function" ? opts.web : null;
  const webBuild = fileURLToPath(new URL("../../web/build/handler.js", import.meta.url));
  const wantWeb = opts.web ?? existsSync(webBuild);

  const server = createServer(async (req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    setSecurityHeaders(req, res, trustProxy);
    try {
      if (path === "/healthz") {
        await db.$queryRaw`SELECT 1`;
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok");
        return;
      }
      if (path === "/graphql" || path.startsWith("/graphql/")) {
        // A page from another site must not act with the visitor's cookie, even where CORS would not let it read the answer.
        if (!sameSite(req.headers.origin, req.headers.host, req.headers["x-forwarded-host"] as string | undefined)) {
          res.writeHead(403, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ errors: [{ message: FOREIGN_ORIGIN_MESSAGE, extensions: { code: "FORBIDDEN_ORIGIN" } }] }));
          return;
        }
        // GraphiQL is for signed-in users: a browser without a session signs in first and comes back.
        if (isGraphiQLPage(req.method, req.headers.accept, url) && !(await viewerFromHeaders(db, { authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null }))) {
          res.writeHead(302, { location: "/login?next=/graphql" }).end();
          return;
        }
        await yoga.handle(req, res, { ip: clientIp(req) });
        return;
      }
      if (path.startsWith("/files/")) {
        if (!isWellFormedPath(url)) {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Файл не найден");
          return;
        }
        const viewer = await viewerFromHeaders(db, { authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null });
        await handleFileRequest(req, res, { db, viewer }, FILE_ROUTES);
        return;
      }
      if (webHandler) {
        // SvelteKit's origin check needs the real protocol (see PROTOCOL_HEADER in start()).
        const forwarded = trustProxy
          ? String(req.headers["x-forwarded-proto"] ?? "")
              .split(",")[0]!
              .trim()
          : "";
        req.headers[PROTO_HEADER] = forwarded || ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
        webHandler(req, res, () => res.writeHead(404).end("Не найдено"));
        return;
      }
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Не найдено");
    } catch (e) {
      if (path === "/healthz") {
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8" }).end("database unavailable");
        return;
      }
      if (isDatabaseUnavailable(e)) {
        if (!res.headersSent) res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5" }).end(DATABASE_UNAVAILABLE_MESSAGE);
        return;
      }
      console.error(e);
      if (!res.headersSent) res.writeHead(500).end("Внутренняя ошибка сервера");
    }
  });

  // graphql-ws on the same path. Credentials come from connectionParams.authToken or the upgrade cookie;
  // without valid ones the socket is closed with 4403.
  const wss = new WebSocketServer({ noServer: true });
  // Only /graphql upgrades are ours; others (Vite's HMR in `pnpm dev`) are left to their own listeners.
  // A WebSocket has no CORS: an upgrade from another site's page (which would carry the visitor's cookie)
  // is refused before the handshake.
  server.on("upgrade", (req, socket, head) => {
    if ((req.url ?? "").split("?")[0] !== "/graphql") return;
    if (!sameSite(req.headers.origin, req.headers.host, req.headers["x-forwarded-host"] as string | undefined)) {
      const body = Buffer.from(FOREIGN_ORIGIN_MESSAGE);
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  const sockets = new Map<string, Set<{ close(code: number, reason: string): void }>>();
  useServer<Record<string, unknown>, { viewer?: Viewer }>(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authToken = typeof params.authToken === "string" ? params.authToken : null;
        let viewer: Viewer | null;
        try {
          viewer = await viewerFromHeaders(db, {
            authorization: authToken ? `Bearer ${authToken}` : null,
            cookie: authToken ? null : (ctx.extra.request.headers.cookie ?? null),
          });
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          // 1013 "try again later": clients reconnect by themselves once the database is back.
          ctx.extra.socket.close(1013, "База данных временно недоступна"); // a close reason is at most 123 bytes
          return false;
        }
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        const set = sockets.get(viewer.session.id) ?? new Set();
        set.add(ctx.extra.socket);
        sockets.set(viewer.session.id, set);
        const expiry = closeAtSessionExpiry(db, viewer, () => ctx.extra.socket.close(4403, "Forbidden"));
        ctx.extra.socket.once("close", () => {
          set.delete(ctx.extra.socket);
          expiry.cancel();
        });
        return true;
      },
      onSubscribe: async (ctx, _id, params) => {
        // Each subscription starts from the access the user has now, not what it had when the socket opened;
        // a session that ended or expired, or a deactivated user, closes the socket.
        const viewer = ctx.extra.viewer ? await reloadViewer(db, ctx.extra.viewer) : null;
        if (!viewer) {
          ctx.extra.socket.close(4403, "Forbidden");
          return [];
        }
        ctx.extra.viewer = viewer;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          wsViewer: viewer,
          wsIp: clientIp(ctx.extra.request),
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args as any;
      },
    },
    wss,
  );

  // Sign-out, deactivation or a password change closes the live connections of the ended sessions.
  (async () => {
    for await (const ended of pubsub.subscribe("session:ended")) {
      for (const id of ended.sessionIds) for (const s of sockets.get(id) ?? []) s.close(4403, "Forbidden");
    }
  })();

  // SvelteKit's server code calls the API in-process instead of over the network.
  // The web passes the browser's address so the per-IP sign-in limit counts people, not the web server.
  (globalThis as any).__medkApi = {
    fetch: (req: Request, context?: { ip?: string }) => yoga.fetch(req, { ip: context?.ip ?? "127.0.0.1" }),
  };

  return {
    server,
    yoga,
    pubsub,
    async start(port, host = "127.0.0.1") {
      if (wantWeb && !webHandler && existsSync(webBuild)) {
        // adapter-node reads these when its handler is imported: without ORIGIN it assumes https and then
        // refuses plain-http form posts (sign-in) as cross-site. The router sets the header per request.
        env.setWebHeaders(PROTO_HEADER, "host");
        webHandler = (await import(pathToFileURL(webBuild).href)).handler;
      }
      await new Promise<void>((res, rej) => server.once("error", rej).listen(port, host, () => res()));
      const addr = server.address() as { port: number };
      return { port: addr.port, url: `http://${host === "0.0.0.0" ? "localhost" : host}:${addr.port}` };
    },
    async stop() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((res) => wss.close(() => res()));
      server.closeAllConnections?.();
      await new Promise<void>((res) => server.close(() => res()));
      if (ownPubsub) await closeTopics(pubsub);
    },
  };
}

// Per-request context: the database, the viewer (null when signed out), the event bus, and the
// cookies a resolver wants set on the response.
import type { DB } from "./db.ts";
import type { PubSub } from "./pubsub.ts";
import type { Viewer } from "./auth/viewer.ts";

export interface Context {
  db: DB;
  pubsub: PubSub;
  viewer: Viewer | null;
  /** Client address, for the sign-in rate limit. */
  ip: string;
  /** Set-Cookie values to add to the HTTP response (none over WebSocket). */
  setCookies: string[];
  /** Whether cookies must carry `Secure` (everywhere but plain-http localhost). */
  secureCookies: boolean;
  userAgent: string | null;
  /** The request's Cookie header (HTTP only): sign-in reads the known-device cookie from it. */
  cookie?: string | null;
}

/** The context of a field behind a role scope (`t.withAuth({ signedIn: true })`): somebody is signed in. */
export type SignedInContext = Context & { viewer: Viewer };

// The one signed-in check of the services. Root fields already refuse a signed-out request through
// scope-auth (`signedIn`, UNAUTHENTICATED); services check again because scripts, jobs and nested
// calls reach them without the schema edge.
import { unauthenticated } from "../errors.ts";
import type { Viewer } from "./viewer.ts";

/** The viewer of a request, or UNAUTHENTICATED when nobody is signed in. */
export function requireViewer(ctx: { viewer: Viewer | null }): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

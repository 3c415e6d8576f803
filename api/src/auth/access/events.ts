// Events (webinars, seminars, meetings): who runs, oversees and sees them.
import type { Prisma } from "../../../../prisma/generated/client/client.ts";
import type { Reach } from "../viewer.ts";
import { ids } from "./ids.ts";

// ---- events (webinars, seminars, meetings) ----

/** Where an event belongs: a region (its coordinators run it) or nowhere (a federal event). */
export interface EventPlace {
  id: string;
  regionId: string | null;
}

/** Creating and running an event (attendance, import): the federal coordinator anywhere, a regional one in its region. */
export const canManageEvent = (act: Reach, regionId: string | null) => act.all || (!!regionId && act.regionIds.has(regionId));

/** Seeing an event's figures and attendance list: whoever reads the whole region (observers too), the federal level for all. */
export const canOverseeEvent = (r: Reach, regionId: string | null) => r.all || (!!regionId && r.regionIds.has(regionId));

/** The events a viewer sees: those it is invited to, and those of the regions it oversees. */
export function eventWhere(r: Reach, viewerId: string): Prisma.EventWhereInput {
  if (r.all) return {};
  return { OR: [{ attendance: { some: { userId: viewerId } } }, { regionId: { in: ids(r.regionIds) } }] };
}

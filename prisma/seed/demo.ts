// The demo world: fictional people in real places (Забайкальский край and Рязанская область), every
// account of API.md, and enough documents, roadmaps and history to walk through each role's journey.
// Idempotent: rows are looked up by natural keys and only missing ones are created, never updated.
import type { PrismaClient } from "../generated/client/client.ts";
import { seedCommunity } from "./demo/community.ts";
import type { DemoContext } from "./demo/context.ts";
import { seedProfiles } from "./demo/diagnostics.ts";
import { seedDocuments } from "./demo/documents.ts";
import { seedPeople } from "./demo/people.ts";
import { seedReference } from "./demo/reference.ts";
import { seedRoadmaps } from "./demo/roadmaps.ts";
import { seedTerritory } from "./demo/territory.ts";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo/accounts.ts";
export { CURRENT_YEAR } from "./demo/world.ts";

/**
 * Loads the demo world into `db`. Dates relative to `opts.now` (default: the current time) are written
 * only when their rows are created, so a later run with another "now" changes nothing.
 */
export async function seedDemo(db: PrismaClient, opts: { now?: Date } = {}): Promise<void> {
  const ctx: DemoContext = {
    db,
    now: opts.now ?? new Date(),
    regions: new Map(),
    years: new Map(),
    factors: new Map(),
    regionalYears: new Map(),
    municipalities: new Map(),
    schools: new Map(),
    participations: new Map(),
    users: new Map(),
  };
  // Order follows the foreign keys: each step reads ids the previous ones found or created.
  await seedReference(ctx);
  await seedTerritory(ctx);
  await seedPeople(ctx);
  await seedProfiles(ctx);
  await seedDocuments(ctx);
  await seedRoadmaps(ctx);
  await seedCommunity(ctx);
}

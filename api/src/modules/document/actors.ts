// Who uploaded, submitted or decided: names for a document's history. Versions and reviews keep only
// user ids, so the names asked for while one request resolves are loaded together (no query per row).
import type { Context } from "../../context.ts";
import { load } from "../../shared/loader.ts";

export interface Actor {
  id: string;
  fullName: string;
}

/** The user `id` as a history actor (name only), batched per request. */
export async function actorOf(ctx: Context, id: string | null | undefined): Promise<Actor | null> {
  if (!id) return null;
  const found = await load(
    ctx,
    "document.actor",
    async (ids: string[]) => {
      const users = await ctx.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
      return new Map(users.map((u) => [u.id, u]));
    },
    id,
  );
  return found ?? null;
}

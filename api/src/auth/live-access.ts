// Open subscriptions follow access changes at once (issue 16.5). A subscription's stream is wrapped so that,
// when its user's access changes ("access:changed" for the user, or "*"), the viewer is reloaded from the
// database and the subscription's own access rule is asked again: still allowed — events keep coming (seen
// through the fresh viewer); not allowed any more — the subscription ends with FORBIDDEN; the session gone
// or the user deactivated — it ends with UNAUTHENTICATED (the socket itself is closed by app.ts).
import { Repeater } from "graphql-yoga";
import type { Context } from "../context.ts";
import type { DB } from "../db.ts";
import { forbidden, unauthenticated } from "../errors.ts";
import type { PubSub } from "../pubsub.ts";
import { type Viewer } from "./viewer.ts";
import { accessGeneration, cachedViewer } from "./viewer-cache.ts";

/** Tells open subscriptions of these users (or everyone: "*") to re-check their access. Call after commit. */
export function publishAccessChanged(pubsub: PubSub, userIds: string[] | "*") {
  if (userIds === "*") pubsub.publish("access:changed", "*", { userId: null });
  else for (const id of new Set(userIds)) pubsub.publish("access:changed", id, { userId: id });
}

/**
 * The viewer of a live session as it is now; null when the session ended or expired or the user is inactive.
 * The reach comes from the viewer cache, which rebuilds it whenever the access generation has moved (every
 * access change bumps it at commit, before its "access:changed" event is published), so it is as fresh as a
 * rebuild; each of 10,000 sockets subscribing then costs two small reads, not the reach's three to five.
 */
export async function reloadViewer(db: DB, viewer: Viewer): Promise<Viewer | null> {
  const [row, generation] = await Promise.all([db.session.findUnique({ where: { id: viewer.session.id }, select: { id: true, userId: true, expiresAt: true } }), accessGeneration(db)]);
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return cachedViewer(db, row, generation);
}

type Change = { change: true };
const CHANGE: Change = { change: true };

/** The last event of a subscription whose access ended: its resolver throws `error` (see liveEvent). */
export class AccessEnded {
  constructor(readonly error: Error) {}
}

/** For a subscription's resolve: the event itself, or the error that ends the subscription. */
export function liveEvent<T>(event: T | AccessEnded): T {
  if (event instanceof AccessEnded) throw event.error;
  return event;
}

// The access-change events as Repeaters, so that ending the subscription also ends these listeners.
function changesOf(ctx: Context, userId: string): AsyncIterable<Change> {
  const source = Repeater.merge([ctx.pubsub.subscribe("access:changed", userId), ctx.pubsub.subscribe("access:changed", "*")]);
  return new Repeater<Change>(async (push, stop) => {
    const it = source[Symbol.asyncIterator]();
    const ended = stop.then(() => ({ done: true as const, value: undefined }));
    for (;;) {
      const r = await Promise.race([it.next(), ended]);
      if (r.done) break;
      await push(CHANGE);
    }
    await it.return?.();
    stop();
  });
}

/**
 * `source` for as long as `allowed(viewer)` holds, re-asked whenever the viewer's access changes. The
 * context's viewer is replaced by the fresh one, so resolvers of later events see the new access too. When
 * access ends, one last AccessEnded event carries the error (FORBIDDEN or UNAUTHENTICATED) and the stream
 * completes; resolvers pass events through liveEvent().
 */
export function whileAllowed<T>(ctx: Context, source: AsyncIterable<T>, allowed: (viewer: Viewer) => boolean | Promise<boolean>): AsyncIterable<T | AccessEnded> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  return new Repeater<T | AccessEnded>(async (push, stop) => {
    const it = Repeater.merge([source as AsyncIterable<T | Change>, changesOf(ctx, viewer.id)])[Symbol.asyncIterator]();
    const ended = stop.then(() => ({ done: true as const, value: undefined }));
    for (;;) {
      const r = await Promise.race([it.next(), ended]);
      if (r.done) break;
      if (r.value !== CHANGE) {
        await push(r.value as T);
        continue;
      }
      const fresh = await reloadViewer(ctx.db, ctx.viewer ?? viewer);
      if (fresh) ctx.viewer = fresh;
      const denied = !fresh ? unauthenticated("Сессия завершена") : (await allowed(fresh)) ? null : forbidden("Доступ к этим данным закрыт");
      if (denied) {
        await push(new AccessEnded(denied));
        break;
      }
    }
    await it.return?.();
    stop();
  });
}

// setTimeout's longest delay (~24.8 days); longer sessions are re-armed when it fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes a live connection when its session expires. Sessions slide while the person works over HTTP, so
 * when the timer fires the session is read again: renewed — the timer is re-armed; gone or expired — `close`.
 */
export function closeAtSessionExpiry(db: DB, viewer: Viewer, close: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = (expiresAt: Date) => {
    if (cancelled) return;
    timer = setTimeout(check, Math.min(Math.max(expiresAt.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS));
    timer.unref();
  };
  const check = async () => {
    if (cancelled) return;
    const row = await db.session.findUnique({ where: { id: viewer.session.id }, select: { expiresAt: true } }).catch(() => undefined);
    if (row === undefined) return arm(new Date(Date.now() + 5000)); // database unreachable: ask again shortly
    if (!row || row.expiresAt.getTime() <= Date.now()) return close();
    arm(row.expiresAt);
  };
  arm(viewer.session.expiresAt);
  return {
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

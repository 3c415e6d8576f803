// The one typed topic registry. Services publish ids after their transaction commits; subscription
// resolvers re-read the entity so selections and access checks apply.
import { createPubSub } from "graphql-yoga";
import { createRedisBus, type RedisBus } from "./shared/redis-bus.ts";
import { env } from "./config.ts";

export type Topics = {
  /** A notification row was written for `recipientId`. */
  "notification:created": [recipientId: string, payload: { notificationId: number }];
  /** A document changed status (submitted, approved, returned) or got a new version. */
  "document:updated": [documentId: string, payload: { documentId: string }];
  /** A roadmap or one of its measures changed (plan, progress, evidence, comments, order). */
  "roadmap:updated": [roadmapId: string, payload: { roadmapId: string }];
  /** A session ended (sign-out, deactivation, password change): live connections must close. */
  "session:ended": [payload: { sessionIds: string[]; userId?: string }];
  /**
   * What a user may see changed (curator assigned or unassigned, role, territory): keyed by the user's id,
   * or by "*" when a territory change may touch anyone. Open subscriptions re-check their access.
   */
  "access:changed": [key: string, payload: { userId: string | null }];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

/** In-process by default; pass a Redis event target to share events between several instances. */
type EventTarget = NonNullable<Parameters<typeof createPubSub<Topics>>[0]>["eventTarget"];

const buses = new WeakMap<PubSub, RedisBus>();

/**
 * The application's topics. With `REDIS_URL` set (or a `redisUrl` given) events travel through Redis, so a
 * decision made on one instance reaches the sockets held by every other; otherwise they stay in-process.
 */
export function createTopics(eventTarget?: EventTarget, opts: { redisUrl?: string | null } = {}): PubSub {
  if (eventTarget) return createPubSub<Topics>({ eventTarget });
  const redisUrl = opts.redisUrl === undefined ? env.redisUrl() : opts.redisUrl;
  if (!redisUrl) return createPubSub<Topics>();
  const bus = createRedisBus(redisUrl);
  const pubsub = createPubSub<Topics>({ eventTarget: bus as unknown as EventTarget });
  buses.set(pubsub, bus);
  return pubsub;
}

/** The Redis bus behind `pubsub`, if any (health checks, tests). */
export const redisBusOf = (pubsub: PubSub): RedisBus | undefined => buses.get(pubsub);

/** Closes the Redis connections of `pubsub` (a no-op for in-process topics). */
export async function closeTopics(pubsub: PubSub): Promise<void> {
  await buses.get(pubsub)?.close();
}

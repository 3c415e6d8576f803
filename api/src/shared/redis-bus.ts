// The shared event bus of several API instances: yoga's Redis event target over two ioredis connections
// (one publishes, one subscribes), wrapped so that a Redis outage degrades clearly instead of silently:
//  - while either connection is down, events are delivered to this instance's own subscribers directly
//    (a school connected to the instance that made the decision still hears it) and one warning is logged;
//    other instances miss those events — clients catch up with notifications(since:) as after any gap;
//  - ioredis reconnects by itself (and re-subscribes every topic); recovery is logged once.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";

type Listener = (event: CustomEvent) => void;
type ListenerArg = Listener | { handleEvent: Listener } | null;

export interface RedisBus {
  addEventListener(topic: string, listener: ListenerArg): void;
  removeEventListener(topic: string, listener: ListenerArg): void;
  dispatchEvent(event: CustomEvent): boolean;
  /** True while both connections are up and events cross instances. */
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface RedisBusOptions {
  /** Where warnings and recoveries go (default console). */
  log?: Pick<Console, "warn" | "info">;
  /** Longest pause between reconnection attempts, in ms (default 2000). */
  maxRetryDelayMs?: number;
}

/** Redacts the password of a redis:// URL for the logs. */
const safeUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

export function createRedisBus(url: string, opts: RedisBusOptions = {}): RedisBus {
  const log = opts.log ?? console;
  const maxDelay = opts.maxRetryDelayMs ?? 2000;
  const connection = {
    // Reconnect forever with a short capped back-off; a command issued while disconnected fails at once
    // (no offline queue) so the wrapper can deliver locally instead of waiting for Redis.
    retryStrategy: (times: number) => Math.min(times * 100, maxDelay),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
  };
  const publishClient = new Redis(url, { ...connection, connectionName: "medk-publish" });
  // The subscriber keeps its offline queue without a retry limit: a SUBSCRIBE given while disconnected waits
  // for the connection (ioredis also re-subscribes every topic after a reconnect).
  const subscribeClient = new Redis(url, { ...connection, enableOfflineQueue: true, maxRetriesPerRequest: null, connectionName: "medk-subscribe" });
  const inner = createRedisEventTarget({ publishClient, subscribeClient });

  const local = new Map<string, Set<Listener>>();
  const fn = (l: ListenerArg): Listener | null => (l == null ? null : "handleEvent" in l ? l.handleEvent : l);
  const connected = () => publishClient.status === "ready" && subscribeClient.status === "ready";

  let degraded = false;
  let closing = false;
  const degrade = (why: string) => {
    if (degraded || closing) return;
    degraded = true;
    log.warn(`Шина событий: Redis (${safeUrl(url)}) недоступен — ${why}. События доставляются только подписчикам этого экземпляра; другие экземпляры их не получат, пока связь не восстановится.`);
  };
  const recover = () => {
    if (!degraded || !connected()) return;
    degraded = false;
    log.info(`Шина событий: связь с Redis (${safeUrl(url)}) восстановлена, события снова доходят до всех экземпляров.`);
  };
  for (const client of [publishClient, subscribeClient]) {
    client.on("error", (e: Error) => degrade(e.message || e.name));
    client.on("close", () => degrade("соединение закрыто"));
    client.on("ready", recover);
  }

  const deliverLocally = (event: CustomEvent) => {
    for (const l of local.get(event.type) ?? []) l(event);
  };

  return {
    addEventListener(topic, listener) {
      const l = fn(listener);
      if (!l) return;
      let set = local.get(topic);
      if (!set) local.set(topic, (set = new Set()));
      set.add(l);
      inner.addEventListener(topic, l as never);
    },
    removeEventListener(topic, listener) {
      const l = fn(listener);
      if (!l) return;
      local.get(topic)?.delete(l);
      if (local.get(topic)?.size === 0) local.delete(topic);
      inner.removeEventListener(topic, l as never);
    },
    dispatchEvent(event) {
      if (!connected()) {
        degrade("нет соединения");
        deliverLocally(event);
        return true;
      }
      const payload = event.detail === undefined ? "" : JSON.stringify(event.detail);
      publishClient.publish(event.type, payload).catch((e: Error) => {
        // Lost between the check and the write: nobody got it through Redis, so deliver it here.
        degrade(e.message);
        deliverLocally(event);
      });
      return true;
    },
    get connected() {
      return connected();
    },
    async close() {
      closing = true;
      await Promise.all([publishClient, subscribeClient].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

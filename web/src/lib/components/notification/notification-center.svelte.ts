/**
 * The viewer's notifications in the browser: the unread count, the latest twenty for the bell, live
 * delivery over `subscription notificationReceived`, and catch-up with `notifications(since: <last seq>)`
 * whenever the live connection (re)connects, so nothing sent while it was down is lost.
 */
import type { Client } from '@urql/core';
import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

export const NotificationFields = graphql(`
	fragment NotificationFields on Notification {
		id
		seq
		kind
		title
		payload
		createdAt
		readAt
	}
`);

export type NotificationItem = ResultOf<typeof NotificationFields>;

/** The bell's list: the latest notifications and the unread count. */
export const LatestNotifications = graphql(
	`
		query LatestNotifications($first: Int!) {
			unreadNotificationsCount
			notifications(first: $first) {
				totalCount
				edges {
					node {
						...NotificationFields
					}
				}
			}
		}
	`,
	[NotificationFields]
);

const MissedNotifications = graphql(
	`
		query MissedNotifications($since: Int!) {
			unreadNotificationsCount
			notifications(since: $since, first: 100) {
				edges {
					node {
						...NotificationFields
					}
				}
			}
		}
	`,
	[NotificationFields]
);

export const NotificationReceived = graphql(
	`
		subscription NotificationReceived {
			notificationReceived {
				...NotificationFields
			}
		}
	`,
	[NotificationFields]
);

export const MarkNotificationsRead = graphql(`
	mutation MarkNotificationsRead($ids: [ID!]) {
		markNotificationsRead(ids: $ids)
	}
`);

export const LIST_SIZE = 20;

export class NotificationCenter {
	unread = $state(0);
	/** Newest first; at most LIST_SIZE. Empty until the bell first reads the list (`replace`). */
	items = $state<NotificationItem[]>([]);
	loaded = $state(false);
	lastSeq = 0;

	#client: Client;
	#onNew: (items: NotificationItem[]) => void;

	constructor(client: Client, initial: { unread: number; lastSeq: number }, onNew: (items: NotificationItem[]) => void) {
		this.#client = client;
		this.unread = initial.unread;
		this.lastSeq = initial.lastSeq;
		this.#onNew = onNew;
	}

	/** The latest notifications as the server has them (the bell's query), with the server's unread count. */
	replace(items: NotificationItem[], unread: number): void {
		this.items = items.slice(0, LIST_SIZE);
		this.unread = unread;
		this.lastSeq = Math.max(this.lastSeq, this.items[0]?.seq ?? 0);
		this.loaded = true;
	}

	/** A notification delivered live. */
	receive(n: NotificationItem): void {
		const fresh = this.#merge([n]);
		if (fresh.length) this.#onNew(fresh);
	}

	/** Fetches whatever arrived after the last seen seq (after a reconnect). */
	async catchUp(): Promise<void> {
		const result = await this.#client.query(MissedNotifications, { since: this.lastSeq }, { requestPolicy: 'network-only' }).toPromise();
		if (!result.data) return;
		const fresh = this.#merge(result.data.notifications.edges.map((e) => e.node));
		this.unread = result.data.unreadNotificationsCount;
		if (fresh.length) this.#onNew(fresh);
	}

	/** Marks the given notifications read, or all of them. */
	async markRead(ids?: string[]): Promise<boolean> {
		const result = await this.#client.mutation(MarkNotificationsRead, { ids: ids ?? null }).toPromise();
		if (result.error) return false;
		const now = new Date().toISOString();
		const target = ids ? new Set(ids) : null;
		this.items = this.items.map((n) => (!n.readAt && (!target || target.has(n.id)) ? { ...n, readAt: now } : n));
		this.unread = ids ? Math.max(0, this.unread - (result.data?.markNotificationsRead ?? 0)) : 0;
		return true;
	}

	/**
	 * Adds notifications newer than `lastSeq` (anything at or below it is already in the list or in the
	 * server's unread count); returns the ones that were new.
	 */
	#merge(incoming: NotificationItem[]): NotificationItem[] {
		const fresh = incoming.filter((n, i) => n.seq > this.lastSeq && incoming.findIndex((m) => m.id === n.id) === i).sort((a, b) => b.seq - a.seq);
		if (!fresh.length) return [];
		this.items = [...fresh, ...this.items].slice(0, LIST_SIZE);
		this.unread += fresh.filter((n) => !n.readAt).length;
		this.lastSeq = fresh[0].seq;
		return fresh;
	}
}

/**
 * The browser's GraphQL client: urql core with its document cache, HTTP for queries and mutations, and
 * graphql-ws (same origin, path /graphql, authenticated by the session cookie) for subscriptions.
 * Created once in the root layout and put on Svelte context; components read it with `getGraphQL()`.
 */
import { getContext, setContext } from 'svelte';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

const KEY = Symbol('medk-graphql');

export interface GraphQL {
	client: Client;
	/**
	 * Runs `listener` every time the live connection is (re)established — after a drop, and also on the first
	 * connection, which may come a little after the page's data was read — so that whoever listens for events
	 * can catch up with what it missed (notifications: `notifications(since: <last seq>)`).
	 * Returns the function that removes the listener.
	 */
	onConnected(listener: () => void): () => void;
	/** Runs `listener` when the server refuses the live connection (4403: the session has ended). */
	onSessionEnded(listener: () => void): () => void;
	/** Closes the live connection (on sign-out). */
	dispose(): void;
}

const isCloseEvent = (e: unknown): e is { code: number } =>
	typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'number';

/** Builds the client. In SSR there is no WebSocket: subscriptions then simply never start. */
export function createGraphQL(options: { browser: boolean }): GraphQL {
	const connectedListeners = new Set<() => void>();
	const endedListeners = new Set<() => void>();
	let ws: WsClient | null = null;

	if (options.browser) {
		const url = new URL('/graphql', location.href);
		url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
		ws = createWsClient({
			url: url.href,
			lazy: true,
			retryAttempts: Infinity,
			// 4403 means the session is gone (signed out elsewhere, deactivated): retrying cannot help.
			shouldRetry: (e) => !(isCloseEvent(e) && e.code === 4403),
			on: {
				connected: () => {
					for (const l of connectedListeners) l();
				},
				closed: (e) => {
					if (isCloseEvent(e) && e.code === 4403) for (const l of endedListeners) l();
				}
			}
		});
	}
	const wsClient = ws;

	const client = new Client({
		url: '/graphql',
		// The header is the API's CSRF check: no cross-site form or image can send it.
		fetchOptions: { credentials: 'same-origin', headers: { 'x-graphql-yoga-csrf': '1' } },
		preferGetMethod: false,
		exchanges: [
			cacheExchange,
			fetchExchange,
			subscriptionExchange({
				enableAllOperations: false,
				forwardSubscription(request) {
					const input = { ...request, query: request.query || '' };
					return {
						subscribe(sink) {
							if (!wsClient) return { unsubscribe: () => {} };
							const unsubscribe = wsClient.subscribe(input, sink);
							return { unsubscribe };
						}
					};
				}
			})
		]
	});

	return {
		client,
		onConnected(listener) {
			connectedListeners.add(listener);
			return () => connectedListeners.delete(listener);
		},
		onSessionEnded(listener) {
			endedListeners.add(listener);
			return () => endedListeners.delete(listener);
		},
		dispose() {
			void wsClient?.dispose();
		}
	};
}

/** Puts the client on context; call once, in the root layout. */
export function setGraphQL(graphql: GraphQL): GraphQL {
	return setContext(KEY, graphql);
}

/** The client put on context by the root layout. */
export function getGraphQL(): GraphQL {
	const graphql = getContext<GraphQL | undefined>(KEY);
	if (!graphql) throw new Error('GraphQL client is missing: setGraphQL() must run in the root layout');
	return graphql;
}

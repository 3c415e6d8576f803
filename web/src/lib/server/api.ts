/**
 * GraphQL from SvelteKit server code. Requests go through `event.fetch`, which `handleFetch` in
 * hooks.server.ts routes to the API in the same process (with the browser's cookie), so a load never
 * leaves the machine and the API's own authorization decides what the viewer sees.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { Client, fetchExchange, type AnyVariables, type CombinedError, type TypedDocumentNode } from '@urql/core';

type Event = Pick<RequestEvent, 'fetch' | 'url'>;

/** A per-request client: no cache (each request is one page), POST JSON only (CSRF-safe). */
export function serverClient(event: Event): Client {
	return new Client({
		url: new URL('/graphql', event.url).href,
		fetch: event.fetch,
		exchanges: [fetchExchange],
		preferGetMethod: false,
		requestPolicy: 'network-only',
		fetchOptions: { headers: { 'x-graphql-yoga-csrf': '1' } }
	});
}

export interface GqlOutcome<R> {
	data: R | undefined;
	error: CombinedError | undefined;
	/** `extensions.code` of the first GraphQL error, if any. */
	code: string | undefined;
}

/** Runs a query or mutation and returns data and error as they are; for forms that show errors. */
export async function execute<R, V extends AnyVariables>(
	event: Event,
	document: TypedDocumentNode<R, V>,
	variables: V,
	kind: 'query' | 'mutation' = 'query'
): Promise<GqlOutcome<R>> {
	const client = serverClient(event);
	const result = kind === 'query' ? await client.query(document, variables).toPromise() : await client.mutation(document, variables).toPromise();
	const code = result.error?.graphQLErrors[0]?.extensions?.code;
	return { data: result.data, error: result.error, code: typeof code === 'string' ? code : undefined };
}

/**
 * Runs a query for a `load`: returns its data, or turns the API's refusal into the page the user should
 * see — sign-in for UNAUTHENTICATED, «Нет доступа» (403) for FORBIDDEN, «Не найдено» (404) for NOT_FOUND.
 */
export async function query<R, V extends AnyVariables>(event: Event, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
	const { data, error: err, code } = await execute(event, document, variables);
	if (err) {
		if (code === 'UNAUTHENTICATED') {
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		if (code === 'FORBIDDEN') error(403, { message: 'Нет доступа', code });
		if (code === 'NOT_FOUND') error(404, { message: 'Не найдено', code });
		if (err.networkError || !data) {
			console.error('GraphQL request failed:', err.message);
			error(502, { message: 'Сервер данных не ответил. Обновите страницу через минуту.' });
		}
		// Partial data: show what came, log the rest.
		console.error('GraphQL partial error:', err.message);
	}
	return data as R;
}

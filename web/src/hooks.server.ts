import type { Handle, HandleFetch, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { loadViewer } from '$lib/server/session.ts';
import { forwardSetCookies } from '$lib/server/cookies.ts';

/** Session cookie → `event.locals.viewer`, asked of the API once per request. */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.viewer = await loadViewer(event);
	return resolve(event, {
		// Preload the app's JS and CSS, never fonts (we use system fonts).
		preload: ({ type }) => type === 'js' || type === 'css'
	});
};

/**
 * Requests for the API from server code (`event.fetch('/graphql')`) go to the API in the same process when
 * it is there (`globalThis.__medkApi`, set by api/src/app.ts), carrying the browser's cookie; the API's
 * Set-Cookie headers (sign-in, sign-out, session renewal) are passed on to the browser.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
	const url = new URL(request.url);
	const api = globalThis.__medkApi;
	if (!api || url.origin !== event.url.origin || url.pathname !== '/graphql') return fetch(request);

	const headers = new Headers(request.headers);
	const cookie = event.request.headers.get('cookie');
	if (cookie) headers.set('cookie', cookie);
	// The API's CSRF check: a header no cross-site form or image can send.
	headers.set('x-graphql-yoga-csrf', '1');
	const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
	const response = await api.fetch(new Request(request.url, { method: request.method, headers, body, signal: request.signal }), {
		ip: clientAddress(event)
	});
	forwardSetCookies(response, event.cookies);
	return response;
};

/** The browser's address, so the API's per-address limits see people, not this server. */
function clientAddress(event: RequestEvent): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return {
		message: status === 404 ? 'Страница не найдена' : 'Внутренняя ошибка. Попробуйте обновить страницу.'
	};
};

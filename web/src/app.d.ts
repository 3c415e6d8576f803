// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Viewer } from '$lib/server/session.ts';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user (from the `medk_session` cookie), or null. */
			viewer: Viewer | null;
		}
		interface Error {
			message: string;
			/** `extensions.code` of the API error behind this page, when there was one. */
			code?: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}

	/**
	 * Set by the API server (api/src/app.ts) so that SvelteKit server code calls GraphQL in-process.
	 * `context.ip` is the browser's address (for the API's per-address sign-in limit).
	 */
	var __medkApi: { fetch(request: Request, context?: { ip?: string }): Promise<Response> } | undefined;
}

export {};

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

	/** Set by the API server (api/src/app.ts) so that SvelteKit server code calls GraphQL in-process. */
	var __medkApi: { fetch(request: Request): Promise<Response> } | undefined;
}

export {};

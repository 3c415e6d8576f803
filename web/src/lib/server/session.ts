/** The signed-in user, resolved once per request from the session cookie (see hooks.server.ts). */
import type { RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ViewerFields, type ViewerData } from '$lib/graphql/fragments/viewer.ts';
import { execute } from './api.ts';

export const SESSION_COOKIE = 'medk_session';

const ViewerQuery = graphql(
	`
		query HookViewer {
			viewer {
				...ViewerFields
			}
		}
	`,
	[ViewerFields]
);

export type Viewer = ViewerData;

/** Asks the API who owns the request's session; null without a cookie or when the session ended. */
export async function loadViewer(event: RequestEvent): Promise<Viewer | null> {
	if (!event.cookies.get(SESSION_COOKIE)) return null;
	const { data, error } = await execute(event, ViewerQuery, {});
	if (error) console.error('viewer query failed:', error.message);
	return data?.viewer ?? null;
}

import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

const ShellQuery = graphql(`
	query Shell {
		unreadNotificationsCount
		programmeYears {
			id
			year
			title
			conceptDocumentsDue
			roadmapDue
			programme {
				id
				shortName
				isFederal
			}
		}
		notifications(first: 1) {
			edges {
				node {
					seq
				}
			}
		}
	}
`);

/** Signed-in pages only (UX guard; the API checks every request itself). */
export const load: LayoutServerLoad = async (event) => {
	const viewer = event.locals.viewer;
	if (!viewer) {
		const next = event.url.pathname + event.url.search;
		redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
	}
	const shell = await query(event, ShellQuery, {});
	return {
		viewer,
		unreadCount: shell.unreadNotificationsCount,
		/** Programme years the viewer sees («500+» and its region's programme), newest first, «500+» first within a year; the first is the current one. */
		years: shell.programmeYears,
		/** The newest notification's seq: live events and catch-up start after it. */
		lastSeq: shell.notifications.edges[0]?.node.seq ?? 0
	};
};

import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { execute, query } from '$lib/server/api.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { Actions, PageServerLoad } from './$types';

const NotificationsPage = graphql(
	`
		query NotificationsPage($unreadOnly: Boolean, $first: Int, $after: String, $last: Int, $before: String) {
			unreadNotificationsCount
			notifications(unreadOnly: $unreadOnly, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						seq
						kind
						title
						payload
						createdAt
						readAt
					}
				}
			}
		}
	`,
	[PageInfoFields]
);

const MarkAllRead = graphql(`
	mutation MarkAllNotificationsRead {
		markNotificationsRead
	}
`);

export const load: PageServerLoad = async (event) => {
	const unreadOnly = event.url.searchParams.get('unread') === '1';
	const data = await query(event, NotificationsPage, { unreadOnly, ...pageArgs(event.url, '', 30) });
	return {
		unreadOnly,
		unreadCount: data.unreadNotificationsCount,
		notifications: {
			totalCount: data.notifications.totalCount,
			pageInfo: data.notifications.pageInfo,
			rows: data.notifications.edges.map((e) => e.node)
		}
	};
};

export const actions: Actions = {
	markAllRead: async (event) => {
		const { error } = await execute(event, MarkAllRead, {}, 'mutation');
		if (error) return fail(500, { error: 'Не удалось отметить уведомления. Попробуйте ещё раз.' });
		return { marked: true };
	}
};

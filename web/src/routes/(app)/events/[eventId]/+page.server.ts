import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const EventQuery = graphql(`
	query EventPage($id: ID!, $oversee: Boolean!) {
		event(id: $id) {
			id
			title
			kind
			kindLabel
			description
			startsAt
			timeZone
			durationMinutes
			url
			year
			invitedCount
			attendedCount
			viewerInvited
			viewerAttended
			viewerCanManage
			region {
				id
				name
			}
			audience {
				label
			}
			attendance @include(if: $oversee) {
				id
				userId
				fullName
				email
				attended
				source
			}
			byTerritory @include(if: $oversee) {
				territoryId
				name
				invited
				attended
			}
		}
	}
`);

/** One event; its attendance list and figures for the coordinators over it (the API decides). */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:event');
	const { viewer } = await event.parent();
	const roles = new Set(viewer.roles.map((r) => r.role));
	const oversee = roles.has('FEDERAL_COORDINATOR') || roles.has('REGIONAL_COORDINATOR') || roles.has('OBSERVER');
	const id = event.params.eventId;
	let data = await query(event, EventQuery, { id, oversee }).catch(() => null);
	// A regional coordinator invited to another region's event sees it without the list.
	if (!data && oversee) data = await query(event, EventQuery, { id, oversee: false }).catch(() => null);
	if (!data?.event) error(404, 'Мероприятие не найдено или недоступно');
	return { event: data.event };
};

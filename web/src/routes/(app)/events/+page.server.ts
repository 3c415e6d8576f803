import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { EventListFields } from './events.ts';
import type { PageServerLoad } from './$types';

const Events = graphql(
	`
		query EventsPage($upcoming: EventFilter!, $past: EventFilter!, $regionId: ID, $isRegional: Boolean!, $isFederal: Boolean!) {
			upcoming: events(first: 100, filter: $upcoming) {
				totalCount
				edges {
					node {
						...EventListFields
					}
				}
			}
			past: events(first: 50, filter: $past) {
				totalCount
				edges {
					node {
						...EventListFields
					}
				}
			}
			municipalities(first: 500, regionId: $regionId) @include(if: $isRegional) {
				edges {
					node {
						id
						name
					}
				}
			}
			regions(first: 100) @include(if: $isFederal) {
				edges {
					node {
						id
						name
					}
				}
			}
		}
	`,
	[EventListFields]
);

type Kind = 'WEBINAR' | 'SEMINAR' | 'CONFERENCE' | 'CONSULTATION';
const KINDS: Kind[] = ['WEBINAR', 'SEMINAR', 'CONFERENCE', 'CONSULTATION'];

/** Upcoming and past events of the viewer (search by title, filter by kind); territories for the create form. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:events');
	const { viewer } = await event.parent();
	const roles = new Set(viewer.roles.map((r) => r.role));
	const isFederal = roles.has('FEDERAL_COORDINATOR');
	const regional = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region ?? null;
	const text = event.url.searchParams.get('q')?.trim().slice(0, 200) || null;
	const kindParam = event.url.searchParams.get('kind');
	const kind = KINDS.includes(kindParam as Kind) ? (kindParam as Kind) : null;
	const mine = event.url.searchParams.get('mine') === '1';
	const base = { text, kind, invitedOnly: mine || null };
	const data = await query(event, Events, {
		upcoming: { ...base, when: 'UPCOMING' },
		past: { ...base, when: 'PAST' },
		regionId: regional?.id ?? null,
		isRegional: !!regional && !isFederal,
		isFederal
	});
	return {
		upcoming: data.upcoming,
		past: data.past,
		filter: { text: text ?? '', kind: kind ?? '', mine },
		creator: isFederal
			? { regionId: null, territories: (data.regions?.edges ?? []).map((e) => ({ id: e.node.id, name: e.node.name })), federal: true }
			: regional
				? {
						regionId: regional.id,
						territories: (data.municipalities?.edges ?? []).map((e) => ({ id: e.node.id, name: e.node.name })),
						federal: false,
						regionName: regional.name
					}
				: null
	};
};

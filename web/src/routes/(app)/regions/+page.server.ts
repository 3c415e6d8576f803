import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegionsOverview = graphql(
	`
		query RegionsOverview($first: Int, $after: String, $last: Int, $before: String, $year: Int) {
			regions(first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						code
						name
						municipalities(first: 1) {
							totalCount
						}
					}
				}
			}
			municipalities(first: 1) {
				totalCount
			}
			schools(first: 1) {
				totalCount
			}
			participants: schools(first: 1, filter: { programmeYear: $year, participationStatus: PARTICIPATING }) {
				totalCount
			}
		}
	`,
	[PageInfoFields]
);

const RegionParticipants = graphql(`
	query RegionParticipants($regionId: ID!, $year: Int) {
		schools(first: 1, filter: { regionId: $regionId, programmeYear: $year, participationStatus: PARTICIPATING }) {
			totalCount
		}
	}
`);

/** The territory overview: the regions in the viewer's reach with their size and this year's participants. */
export const load: PageServerLoad = async (event) => {
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const data = await query(event, RegionsOverview, { ...pageArgs(event.url), year });
	// TODO(web, 2026-11-23): one query once Region exposes its schools' counts (asked of the API owner).
	const participants = await Promise.all(
		data.regions.edges.map(({ node }) =>
			query(event, RegionParticipants, { regionId: node.id, year }).then((r) => r.schools.totalCount)
		)
	);
	return {
		year,
		yearTitle: years[0]?.title ?? null,
		regions: {
			...data.regions,
			rows: data.regions.edges.map(({ node }, i) => ({ ...node, participants: participants[i] }))
		},
		totals: {
			municipalities: data.municipalities.totalCount,
			schools: data.schools.totalCount,
			participants: data.participants.totalCount
		}
	};
};

import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { municipalRoadmapFigures } from '$lib/server/municipal-roadmaps.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
type Status = (typeof STATUSES)[number];

const MunicipalRoadmaps = graphql(
	`
		query MunicipalRoadmapsPage(
			$year: Int!
			$regionIds: [ID!]
			$statuses: [RoadmapStatus!]
			$search: String
			$first: Int
			$after: String
			$last: Int
			$before: String
		) {
			municipalRoadmaps(
				year: $year
				regionIds: $regionIds
				statuses: $statuses
				search: $search
				first: $first
				after: $after
				last: $last
				before: $before
			) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						status
						submittedAt
						municipality {
							id
							name
							region {
								id
								code
								name
							}
						}
						progress {
							measuresTotal
							done
							dueSoFar
							doneOnTime
							overdue
							progress
						}
					}
				}
			}
			regions(first: 100) {
				edges {
					node {
						id
						code
						name
					}
				}
			}
		}
	`,
	[PageInfoFields]
);

/**
 * The municipal roadmaps of the current year: the regional coordinator's region (its reach), the federal
 * coordinator's whole country, narrowed by region, review state and the municipality's name.
 */
export const load: PageServerLoad = async (event) => {
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const regionParam = event.url.searchParams.get('region');
	const region = regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	const statusParam = event.url.searchParams.get('status');
	const status = STATUSES.includes(statusParam as Status) ? (statusParam as Status) : null;
	const search = searchArg(event.url);
	if (year == null) return { year, region, status, search, list: null, regions: [], figures: null };
	const [data, figures] = await Promise.all([
		query(event, MunicipalRoadmaps, {
			year,
			regionIds: region ? [region] : null,
			statuses: status ? [status] : null,
			search,
			...pageArgs(event.url)
		}),
		municipalRoadmapFigures(event, year, region ? { regionIds: [region] } : {})
	]);
	return {
		year,
		region,
		status,
		search,
		figures,
		regions: data.regions.edges.map((e) => e.node),
		list: {
			totalCount: data.municipalRoadmaps.totalCount,
			pageInfo: data.municipalRoadmaps.pageInfo,
			// Every row is a municipal roadmap: the list asks for them only.
			rows: data.municipalRoadmaps.edges.flatMap(({ node }) => (node.municipality ? [{ ...node, municipality: node.municipality }] : []))
		}
	};
};

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegionPage = graphql(
	`
		query RegionPage(
			$id: ID!
			$search: String
			$first: Int
			$after: String
			$last: Int
			$before: String
			$year: Int
		) {
			node(id: $id) {
				__typename
				... on Region {
					id
					code
					name
					timeZone
				}
			}
			municipalities(
				regionId: $id
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
						name
					}
				}
			}
			allMunicipalities: municipalities(regionId: $id, first: 1) {
				totalCount
			}
			schools(first: 1, filter: { regionId: $id }) {
				totalCount
			}
			participants: schools(
				first: 1
				filter: { regionId: $id, programmeYear: $year, participationStatus: PARTICIPATING }
			) {
				totalCount
			}
		}
	`,
	[PageInfoFields]
);

const MunicipalityCounts = graphql(`
	query MunicipalityCounts($municipalityId: ID!, $year: Int) {
		schools(first: 1, filter: { municipalityId: $municipalityId }) {
			totalCount
		}
		participants: schools(
			first: 1
			filter: { municipalityId: $municipalityId, programmeYear: $year, participationStatus: PARTICIPATING }
		) {
			totalCount
		}
	}
`);

export const load: PageServerLoad = async (event) => {
	const id = event.params.regionId;
	if (!isGlobalIdOf(id, 'Region')) error(404, 'Не найдено');
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const search = searchArg(event.url);
	const data = await query(event, RegionPage, { id, search, year, ...pageArgs(event.url) });
	if (data.node?.__typename !== 'Region') error(404, 'Не найдено');
	// TODO(web, 2026-11-23): one query once Municipality exposes its schools' counts (asked of the API owner).
	const counts = await Promise.all(
		data.municipalities.edges.map(({ node }) => query(event, MunicipalityCounts, { municipalityId: node.id, year }))
	);
	return {
		region: data.node,
		year,
		search,
		municipalities: {
			totalCount: data.municipalities.totalCount,
			pageInfo: data.municipalities.pageInfo,
			rows: data.municipalities.edges.map(({ node }, i) => ({
				...node,
				schools: counts[i].schools.totalCount,
				participants: counts[i].participants.totalCount
			}))
		},
		totals: {
			municipalities: data.allMunicipalities.totalCount,
			schools: data.schools.totalCount,
			participants: data.participants.totalCount
		}
	};
};

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { figuresBy, summary } from '$lib/server/monitoring.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegionPage = graphql(
	`
		query RegionPage($id: ID!, $search: String, $first: Int, $after: String, $last: Int, $before: String) {
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
		}
	`,
	[PageInfoFields]
);

export const load: PageServerLoad = async (event) => {
	const id = event.params.regionId;
	if (!isGlobalIdOf(id, 'Region')) error(404, 'Не найдено');
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const search = searchArg(event.url);
	const [data, totals] = await Promise.all([
		query(event, RegionPage, { id, search, ...pageArgs(event.url) }),
		summary(event, year, { regionIds: [id] })
	]);
	if (data.node?.__typename !== 'Region') error(404, 'Не найдено');
	const rows = data.municipalities.edges.map((e) => e.node);
	const figures = await figuresBy(event, 'MUNICIPALITY', rows.map((m) => m.id), year);
	return {
		region: data.node,
		year,
		search,
		summary: totals,
		totals: { municipalities: data.allMunicipalities.totalCount, schools: data.schools.totalCount },
		municipalities: {
			totalCount: data.municipalities.totalCount,
			pageInfo: data.municipalities.pageInfo,
			rows: rows.map((m) => ({ ...m, figures: figures.get(m.id) ?? null }))
		}
	};
};

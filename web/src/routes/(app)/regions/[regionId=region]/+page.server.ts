import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { execute, query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import { dashboard } from '$lib/server/dashboard.ts';
import { municipalRoadmapFigures } from '$lib/server/municipal-roadmaps.ts';
import { RegionScoreFields } from '$lib/components/dashboard/fragments.ts';
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
			municipalities(regionId: $id, search: $search, first: $first, after: $after, last: $last, before: $before) {
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
			programmes {
				id
				shortName
				name
				isFederal
				viewerCanManage
				region {
					id
				}
				years {
					id
					year
					title
					conceptDocumentsDue
					participantCount
				}
			}
		}
	`,
	[PageInfoFields]
);

const RegionScore = graphql(
	`
		query RegionScore($id: ID!, $year: Int!) {
			regionScores(years: [$year], regionIds: [$id], first: 1) {
				edges {
					node {
						...RegionScoreFields
					}
				}
			}
		}
	`,
	[RegionScoreFields]
);

export const load: PageServerLoad = async (event) => {
	const id = event.params.regionId;
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const search = searchArg(event.url);
	const [data, totals, board, score, municipalRoadmaps] = await Promise.all([
		query(event, RegionPage, { id, search, ...pageArgs(event.url) }),
		summary(event, year, { regionIds: [id] }),
		dashboard(event, year, 'MUNICIPALITY', { regionIds: [id] }),
		// The score is the region's as a whole: the federal and the region's coordinators see it, others get none.
		year == null ? null : execute(event, RegionScore, { id, year }),
		municipalRoadmapFigures(event, year, { regionIds: [id] })
	]);
	if (data.node?.__typename !== 'Region') error(404, 'Не найдено');
	const rows = data.municipalities.edges.map((e) => e.node);
	const figures = new Map(board?.groups.map((g) => [g.id, g]) ?? []);
	return {
		region: data.node,
		year,
		search,
		summary: totals,
		dashboard: board,
		score: score?.data?.regionScores.edges[0]?.node ?? null,
		municipalRoadmaps,
		/** The region's own programmes («62+»), each with its newest year: the twin of «500+» it runs itself. */
		programmes: data.programmes.filter((p) => !p.isFederal && p.region?.id === id).map((p) => ({ ...p, current: p.years[0] ?? null })),
		/** The participant list is the coordinators' page. */
		managesParticipants: event.locals.viewer?.roles.some((r) => r.role === 'FEDERAL_COORDINATOR' || r.role === 'REGIONAL_COORDINATOR') ?? false,
		totals: { municipalities: data.allMunicipalities.totalCount, schools: data.schools.totalCount },
		municipalities: {
			totalCount: data.municipalities.totalCount,
			pageInfo: data.municipalities.pageInfo,
			rows: rows.map((m) => ({ ...m, figures: figures.get(m.id) ?? null }))
		}
	};
};

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { SchoolRowFields } from '$lib/components/territory/fragments.ts';
import { query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import { dashboard } from '$lib/server/dashboard.ts';
import { RoadmapReviewFields } from '$lib/components/roadmap/review.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const MunicipalityPage = graphql(
	`
		query MunicipalityPage($id: ID!, $search: String, $first: Int, $after: String, $last: Int, $before: String) {
			node(id: $id) {
				__typename
				... on Municipality {
					id
					name
					viewerCanEditRoadmap
					region {
						id
						name
						code
					}
				}
			}
			schools(filter: { municipalityId: $id, search: $search }, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...SchoolRowFields
					}
				}
			}
			allSchools: schools(first: 1, filter: { municipalityId: $id }) {
				totalCount
			}
		}
	`,
	[PageInfoFields, SchoolRowFields]
);

// The municipality's own roadmap of the year in brief, with its review (a request of its own: the
// review's differences are deep); the roadmap itself is kept on its own page (./roadmap).
const MunicipalRoadmap = graphql(
	`
		query MunicipalRoadmap($id: ID!, $year: Int!) {
			roadmap(municipalityId: $id, year: $year) {
				title
				...RoadmapReviewFields
				progress {
					measuresTotal
					done
					dueSoFar
					doneOnTime
					overdue
					progress
					attainment
					indicatorCount
				}
			}
		}
	`,
	[RoadmapReviewFields]
);

export const load: PageServerLoad = async (event) => {
	const id = event.params.municipalityId;
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const search = searchArg(event.url);
	event.depends('medk:municipal-roadmap');
	const [data, totals, board, plan] = await Promise.all([
		query(event, MunicipalityPage, { id, search, ...pageArgs(event.url) }),
		summary(event, year, { municipalityIds: [id] }),
		dashboard(event, year, 'SCHOOL', { municipalityIds: [id] }),
		year == null ? null : query(event, MunicipalRoadmap, { id, year })
	]);
	const roadmap = plan?.roadmap ?? null;
	if (data.node?.__typename !== 'Municipality') error(404, 'Не найдено');
	const rows = data.schools.edges.map((e) => e.node);
	const figures = new Map(board?.groups.map((g) => [g.id, g]) ?? []);
	return {
		summary: totals,
		dashboard: board,
		roadmap,
		municipality: data.node,
		year,
		search,
		schools: {
			totalCount: data.schools.totalCount,
			pageInfo: data.schools.pageInfo,
			rows: rows.map((s) => ({ ...s, figures: figures.get(s.id) ?? null }))
		},
		totals: { schools: data.allSchools.totalCount }
	};
};

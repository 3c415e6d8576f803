import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { execute, query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import { dashboard } from '$lib/server/dashboard.ts';
import { municipalRoadmapFigures } from '$lib/server/municipal-roadmaps.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegionsOverview = graphql(
	`
		query RegionsOverview($first: Int, $after: String, $last: Int, $before: String, $participatingIn: Int) {
			regions(first: $first, after: $after, last: $last, before: $before, participatingIn: $participatingIn) {
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
		}
	`,
	[PageInfoFields]
);

const Scores = graphql(`
	query OverviewScores($year: Int!) {
		regionScores(years: [$year], first: 100) {
			edges {
				node {
					region {
						id
					}
					summary
					zone
					zoneTitle
				}
			}
		}
	}
`);

/**
 * The territory overview: this year's participants region by region (from the monitoring report), and the
 * full list of regions in the viewer's reach with cursor pagination.
 */
export const load: PageServerLoad = async (event) => {
	const { years } = await event.parent();
	const year = years[0]?.year ?? new Date().getFullYear();
	// «Только участвующие»: of the 89 regions, those with participants this year.
	const onlyParticipating = event.url.searchParams.get('participating') === '1';
	const [data, totals, board, scores, municipalRoadmaps] = await Promise.all([
		query(event, RegionsOverview, { ...pageArgs(event.url), participatingIn: onlyParticipating ? year : null }),
		summary(event, year),
		dashboard(event, year, 'REGION'),
		// Scores are read by the federal and regional coordinators only; others get an empty list.
		execute(event, Scores, { year }),
		municipalRoadmapFigures(event, year)
	]);
	const scoreOf = new Map(scores.data?.regionScores.edges.map(({ node }) => [node.region.id, node]) ?? []);
	const participating = board?.groups ?? [];
	const participantsOf = new Map(participating.map((r) => [r.id, r.participants]));
	return {
		year,
		yearTitle: years[0]?.title ?? String(year),
		totals: { municipalities: data.municipalities.totalCount },
		summary: totals,
		dashboard: board,
		municipalRoadmaps,
		participating: participating.map((r) => ({ ...r, score: scoreOf.get(r.id) ?? null })),
		hasScores: scoreOf.size > 0,
		onlyParticipating,
		regions: {
			totalCount: data.regions.totalCount,
			pageInfo: data.regions.pageInfo,
			rows: data.regions.edges.map(({ node }) => ({ ...node, participants: participantsOf.get(node.id) ?? 0 }))
		}
	};
};

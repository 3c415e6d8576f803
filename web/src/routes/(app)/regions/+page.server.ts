import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { MonitoringFigures } from '$lib/components/monitoring/fragments.ts';
import { query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegionsOverview = graphql(
	`
		query RegionsOverview($first: Int, $after: String, $last: Int, $before: String, $year: Int!) {
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
			byRegion: reportMonitoring(filter: { year: $year }, groupBy: REGION, first: 100) {
				totalCount
				edges {
					node {
						region {
							id
							code
							name
						}
						...MonitoringFigures
					}
				}
			}
		}
	`,
	[PageInfoFields, MonitoringFigures]
);

/**
 * The territory overview: this year's participants region by region (from the monitoring report), and the
 * full list of regions in the viewer's reach with cursor pagination.
 */
export const load: PageServerLoad = async (event) => {
	const { years } = await event.parent();
	const year = years[0]?.year ?? new Date().getFullYear();
	const [data, totals] = await Promise.all([
		query(event, RegionsOverview, { ...pageArgs(event.url), year }),
		summary(event, year)
	]);
	const participating = data.byRegion.edges.map((e) => e.node).filter((r) => r.region);
	const participantsOf = new Map(participating.map((r) => [r.region!.id, r.participants]));
	return {
		year,
		yearTitle: years[0]?.title ?? String(year),
		totals: { municipalities: data.municipalities.totalCount },
		summary: totals,
		participating,
		regions: {
			totalCount: data.regions.totalCount,
			pageInfo: data.regions.pageInfo,
			rows: data.regions.edges.map(({ node }) => ({ ...node, participants: participantsOf.get(node.id) ?? 0 }))
		}
	};
};

/** Monitoring figures for the rows a page shows, in one request (instead of one per row). */
import type { RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { MonitoringFigures, type Figures } from '$lib/components/monitoring/fragments.ts';
import { execute } from './api.ts';

const Monitoring = graphql(
	`
		query MonitoringFor($filter: ReportFilter!, $groupBy: ReportGroupBy!, $first: Int!) {
			reportMonitoring(filter: $filter, groupBy: $groupBy, first: $first) {
				edges {
					node {
						region {
							id
						}
						municipality {
							id
						}
						school {
							id
						}
						...MonitoringFigures
					}
				}
			}
		}
	`,
	[MonitoringFigures]
);

type Level = 'REGION' | 'MUNICIPALITY' | 'SCHOOL';

/**
 * Figures of `year` grouped by `level`, for the given ids of that level, keyed by id. Figures are an
 * addition to a page: when the report cannot be read, the page still shows, without them.
 */
export async function figuresBy(
	event: Pick<RequestEvent, 'fetch' | 'url'>,
	level: Level,
	ids: string[],
	year: number | null
): Promise<Map<string, Figures>> {
	const map = new Map<string, Figures>();
	if (!ids.length || year == null) return map;
	const key = level === 'REGION' ? 'regionIds' : level === 'MUNICIPALITY' ? 'municipalityIds' : 'schoolIds';
	const { data, error } = await execute(event, Monitoring, {
		filter: { year, [key]: ids },
		groupBy: level,
		first: Math.min(ids.length, 500)
	});
	if (error) console.error('monitoring figures unavailable:', error.message);
	for (const { node } of data?.reportMonitoring.edges ?? []) {
		const id = level === 'REGION' ? node.region?.id : level === 'MUNICIPALITY' ? node.municipality?.id : node.school?.id;
		if (id) map.set(id, node);
	}
	return map;
}

const Summary = graphql(
	`
		query MonitoringSummary($filter: ReportFilter!) {
			reportMonitoring(filter: $filter, groupBy: ALL, first: 1) {
				edges {
					node {
						...MonitoringFigures
					}
				}
			}
		}
	`,
	[MonitoringFigures]
);

/** The totals of `year` over the viewer's reach, narrowed by `filter` (e.g. `{ regionIds: [id] }`). */
export async function summary(
	event: Pick<RequestEvent, 'fetch' | 'url'>,
	year: number | null,
	filter: { regionIds?: string[]; municipalityIds?: string[]; schoolIds?: string[] } = {}
): Promise<Figures | null> {
	if (year == null) return null;
	const { data, error } = await execute(event, Summary, { filter: { year, ...filter } });
	if (error) console.error('monitoring summary unavailable:', error.message);
	return data?.reportMonitoring.edges[0]?.node ?? null;
}

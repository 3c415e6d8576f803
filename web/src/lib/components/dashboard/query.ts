/** The dashboard's data: a territory's monitoring figures group by group, its risk factors, export links. */
import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';
import { MonitoringFigures } from '$lib/components/monitoring/fragments.ts';

export const DashboardQuery = graphql(
	`
		query Dashboard($filter: ReportFilter!, $groupBy: ReportGroupBy!, $exportGroups: [ReportGroupBy!]) {
			groups: reportMonitoring(filter: $filter, groupBy: $groupBy, first: 500) {
				totalCount
				edges {
					node {
						groupName
						region {
							id
							code
						}
						municipality {
							id
						}
						school {
							id
						}
						documents {
							draft
						}
						...MonitoringFigures
					}
				}
			}
			risks: reportRisks(filter: $filter, groupBy: ALL, orderBy: { field: FACTOR_NUMBER }, first: 100) {
				edges {
					node {
						factorNumber
						factorTitle
						profiles
						high
						medium
						low
						chosen
						chosenShare
					}
				}
			}
			xlsx: reportExportUrl(report: MONITORING, format: XLSX, filter: $filter, groupBy: $exportGroups)
			csv: reportExportUrl(report: MONITORING, format: CSV, filter: $filter, groupBy: $exportGroups)
		}
	`,
	[MonitoringFigures]
);

export type DashboardNode = ResultOf<typeof DashboardQuery>['groups']['edges'][number]['node'];
export type DashboardGroup = DashboardNode & { id: string; href: string };
export type RiskRow = ResultOf<typeof DashboardQuery>['risks']['edges'][number]['node'];

export interface Dashboard {
	year: number;
	/** What a group is: «субъект», «муниципалитет», «школа». */
	level: Level;
	groups: DashboardGroup[];
	risks: RiskRow[];
	exports: { xlsx: string; csv: string };
}

export type Level = 'REGION' | 'MUNICIPALITY' | 'SCHOOL';

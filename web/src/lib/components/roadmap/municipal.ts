/** The municipal roadmaps' figures as dashboards read them (lib/server/municipal-roadmaps.ts runs the query). */
import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

export const MunicipalRoadmapFiguresQuery = graphql(`
	query MunicipalRoadmapFigures($filter: ReportFilter!) {
		reportMunicipalRoadmaps(filter: $filter) {
			municipalities
			roadmaps
			drafts
			awaitingReview
			approved
			returned
			measuresTotal
			done
			confirmed
			dueSoFar
			doneOnTime
			overdue
			roadmapsWithOverdue
			progress
			attainment
		}
	}
`);

export type MunicipalFigures = ResultOf<typeof MunicipalRoadmapFiguresQuery>['reportMunicipalRoadmaps'];

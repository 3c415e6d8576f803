import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/**
 * The figures of one monitoring group (region, municipality or school) for a programme year: participants,
 * concept documents and roadmap measures. Read from `reportMonitoring`.
 */
export const MonitoringFigures = graphql(`
	fragment MonitoringFigures on MonitoringReportRow {
		participants
		participating
		withCurator
		inactive
		lastActivityAt
		documents {
			owed
			approved
			awaitingReview
			returned
			missing
			overdue
			approvedShare
		}
		measures {
			measures
			done
			inProgress
			overdue
			progress
		}
	}
`);

export type Figures = ResultOf<typeof MonitoringFigures>;

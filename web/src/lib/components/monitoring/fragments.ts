import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/**
 * The figures of one monitoring group (region, municipality or school) for a programme year: participants,
 * concept documents, roadmap measures and the roadmaps' review. Read from `reportMonitoring`.
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
			doneOnTime
			dueSoFar
			inProgress
			overdue
			progress
			roadmapsApproved
			roadmapsAwaitingReview
			roadmapsOverdue
		}
	}
`);

export type Figures = ResultOf<typeof MonitoringFigures>;

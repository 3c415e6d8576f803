// The roadmap's review as the web shows it: shared by the school's roadmap page and the municipality's page.
import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/** The difference between two plans: added, removed (or cancelled) and changed measures. */
export const PlanDiffFields = graphql(`
	fragment PlanDiffFields on RoadmapPlanDiff {
		comparedToNumber
		empty
		added {
			measureId
			position
			title
		}
		removed {
			measureId
			position
			title
		}
		changed {
			measureId
			title
			fields {
				field
				label
				before
				after
			}
		}
	}
`);

export type PlanDiff = ResultOf<typeof PlanDiffFields>;

/** The roadmap's review: state, the viewer's rights, versions with their decisions and differences. */
export const RoadmapReviewFields = graphql(
	`
		fragment RoadmapReviewFields on Roadmap {
			id
			status
			revision
			submittedAt
			decidedAt
			editHelpRequested
			viewerCanSubmit
			viewerCanReview
			viewerCanRequestHelp
			changesSinceApproved {
				...PlanDiffFields
			}
			versions {
				id
				number
				submittedAt
				submittedByName
				measures {
					measureId
				}
				review {
					decision
					comment
					reviewerName
					createdAt
				}
				changes {
					...PlanDiffFields
				}
			}
		}
	`,
	[PlanDiffFields]
);

export type RoadmapReview = ResultOf<typeof RoadmapReviewFields>;

export const ROADMAP_STATUS_LABEL: Record<string, string> = {
	DRAFT: 'Черновик',
	SUBMITTED: 'На проверке',
	APPROVED: 'Принята',
	RETURNED: 'На доработке'
};

export const ROADMAP_STATUS_TONE: Record<string, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
	DRAFT: 'neutral',
	SUBMITTED: 'info',
	APPROVED: 'success',
	RETURNED: 'warning'
};

import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/** A measure as the roadmap table and its dialogs show it. */
export const MeasureFields = graphql(`
	fragment MeasureFields on Measure {
		id
		position
		title
		description
		startDate
		dueDate
		periodLabel
		responsible
		status
		overdue
		indicatorName
		indicatorUnit
		baselineValue
		targetValue
		actualValue
		cancelReason
		completedAt
		revision
		viewerCanEdit
		viewerCanReport
		viewerCanComment
		riskFactor {
			id
			number
			title
		}
		evidence {
			id
			url
			fileName
			fileSize
			downloadUrl
			note
			addedByName
			createdAt
		}
		comments {
			id
			authorName
			body
			createdAt
		}
	}
`);

export type Measure = ResultOf<typeof MeasureFields>;

/** A decimal as people type it («12,5», «12.5», « 12 ») → the API's string, or null when empty. */
export function decimalOf(text: string): string | null {
	const t = text.trim().replace(/\s+/g, '').replace(',', '.');
	return t === '' ? null : t;
}

/** A decimal from the API as Russians write it: «12,5». */
export const showDecimal = (d: string | null | undefined): string => (d == null ? '' : d.replace('.', ','));

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

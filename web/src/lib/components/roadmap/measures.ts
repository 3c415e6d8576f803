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
		verification
		confirmedAt
		confirmedByName
		returnComment
		viewerCanVerify
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

/** A roadmap as its editor shows it: rights, progress and every measure (a roadmap holds at most 500). */
export const RoadmapEditorFields = graphql(
	`
		fragment RoadmapEditorFields on Roadmap {
			id
			title
			exportUrl
			pdfUrl
			pdfCopies {
				id
				kind
				reason
				versionLabel
				statusLabel
				createdAt
				fileName
				size
				downloadUrl
			}
			viewerCanEdit
			viewerCanReport
			viewerCanComment
			progress {
				asOf
				measuresTotal
				done
				doneOnTime
				dueSoFar
				overdue
				progress
				attainment
				indicatorCount
			}
			measures(first: 500) {
				totalCount
				edges {
					node {
						...MeasureFields
					}
				}
			}
		}
	`,
	[MeasureFields]
);

export type EditorRoadmap = ResultOf<typeof RoadmapEditorFields>;

/** A decimal as people type it («12,5», «12.5», « 12 ») → the API's string, or null when empty. */
export function decimalOf(text: string): string | null {
	const t = text.trim().replace(/\s+/g, '').replace(',', '.');
	return t === '' ? null : t;
}

/** A decimal from the API as Russians write it: «12,5». */
export const showDecimal = (d: string | null | undefined): string => (d == null ? '' : d.replace('.', ','));

/** Shared pieces of the consultation pages: the question list's fields and status tones. */
import { graphql } from '$lib/graphql/graphql.ts';

export const QuestionListFields = graphql(`
	fragment QuestionListFields on Question {
		id
		body
		status
		statusLabel
		level
		createdAt
		answeredAt
		schoolName
		regionName
		askedBy {
			id
			fullName
		}
		topic {
			id
			title
		}
	}
`);

export const statusTone = (s: string): 'info' | 'success' | 'warning' | 'neutral' =>
	s === 'ANSWERED' ? 'success' : s === 'FORWARDED' ? 'warning' : s === 'IN_PROGRESS' ? 'info' : 'neutral';

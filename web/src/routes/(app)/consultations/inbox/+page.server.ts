import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { QuestionListFields } from '../questions.ts';
import type { PageServerLoad } from './$types';

const Inbox = graphql(
	`
		query ConsultationInbox($status: [QuestionStatus!], $box: QuestionBox) {
			questions(first: 100, filter: { box: $box, status: $status }) {
				totalCount
				edges {
					node {
						...QuestionListFields
						assignee {
							id
							fullName
						}
					}
				}
			}
			consultationFigures(overdueDays: 5) {
				regionId
				regionName
				asked
				answered
				open
				passedOn
				medianHoursToAnswer
				unansweredOverdue
			}
		}
	`,
	[QuestionListFields]
);

const VIEWS = {
	open: { box: 'INBOX', status: ['NEW', 'IN_PROGRESS', 'FORWARDED'] },
	answered: { box: 'INBOX', status: ['ANSWERED'] },
	territory: { box: 'VISIBLE', status: null }
} as const;

/** The coordinator's inbox (?view=open|answered|territory) and the line's figures for its regions. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:inbox');
	const view = (event.url.searchParams.get('view') ?? 'open') as keyof typeof VIEWS;
	const v = VIEWS[view] ?? VIEWS.open;
	const data = await query(event, Inbox, { box: v.box, status: v.status ? [...v.status] : null });
	return { questions: data.questions, figures: data.consultationFigures, view: view in VIEWS ? view : 'open' };
};

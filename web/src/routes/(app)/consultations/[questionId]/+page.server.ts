import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const QuestionPage = graphql(`
	query QuestionPage($id: ID!) {
		question(id: $id) {
			id
			body
			status
			statusLabel
			level
			year
			createdAt
			forwardedAt
			answeredAt
			schoolName
			regionName
			askedBy {
				id
				fullName
			}
			answeredBy {
				id
				fullName
			}
			assignee {
				id
				fullName
			}
			topic {
				id
				title
			}
			attachment {
				name
				size
				url
			}
			messages {
				id
				body
				isReply
				createdAt
				author {
					id
					fullName
				}
			}
			faqEntry {
				id
				question
				answer
				scope
			}
			viewerCanHandle
			viewerCanForward
			viewerCanReply
			viewerCanPublishFederal
			viewerCanPublishRegional
		}
	}
`);

/** One question with its thread and what the viewer may do with it. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:question');
	const data = await query(event, QuestionPage, { id: event.params.questionId });
	if (!data.question) error(404, { message: 'Вопрос не найден', code: 'NOT_FOUND' });
	return { question: data.question };
};

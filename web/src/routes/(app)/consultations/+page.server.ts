import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { QuestionListFields } from './questions.ts';
import type { PageServerLoad } from './$types';

const MyQuestions = graphql(
	`
		query MyQuestions {
			questions(first: 100, filter: { box: MINE }) {
				totalCount
				edges {
					node {
						...QuestionListFields
					}
				}
			}
			questionTopics {
				id
				title
			}
		}
	`,
	[QuestionListFields]
);

/** The viewer's own questions (newest first) and the topics to ask under. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:my-questions');
	const data = await query(event, MyQuestions, {});
	return { questions: data.questions, topics: data.questionTopics };
};

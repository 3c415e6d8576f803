import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const FaqPage = graphql(`
	query FaqPage($text: String, $topicId: ID, $year: Int, $offset: Int) {
		faqSearch(text: $text, topicId: $topicId, year: $year, first: 20, offset: $offset) {
			total
			totalCapped
			mode
			correctedText
			years
			hits {
				rank
				questionHtml
				answerHtml
				entry {
					id
					answer
					year
					scope
					regionName
					publishedAt
					topic {
						id
						title
					}
				}
			}
		}
		questionTopics(includeInactive: true) {
			id
			title
		}
	}
`);

const PAGE = 20;

/** The FAQ with its search in the URL (?q=&topic=&year=&page=), so a search can be shared as a link. */
export const load: PageServerLoad = async (event) => {
	const p = event.url.searchParams;
	const text = (p.get('q') ?? '').slice(0, 300);
	const topicId = p.get('topic') || null;
	const yearRaw = Number(p.get('year'));
	const year = Number.isInteger(yearRaw) && yearRaw >= 2020 && yearRaw <= 2100 ? yearRaw : null;
	const pageNo = Math.min(Math.max(1, Number(p.get('page')) || 1), 250);
	const data = await query(event, FaqPage, { text: text || null, topicId, year, offset: (pageNo - 1) * PAGE });
	return { faq: data.faqSearch, topics: data.questionTopics, filter: { text, topicId, year, page: pageNo }, pageSize: PAGE };
};

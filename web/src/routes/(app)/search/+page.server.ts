import { graphql } from '$lib/graphql/graphql.ts';
import { execute } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const SearchPage = graphql(`
	query SearchPage($text: String!) {
		search(text: $text, first: 25) {
			text
			schoolsCount
			peopleCount
			documentsCount
			schools {
				id
				shortName
				municipality {
					name
					region {
						name
					}
				}
			}
			people {
				id
				fullName
				email
				organisationName
			}
			documents {
				id
				title
				statusLabel
				participation {
					school {
						shortName
					}
					programmeYear {
						title
					}
				}
			}
		}
	}
`);

/** The shell's search: what was asked (`?q=`), and the schools, people and documents found. */
export const load: PageServerLoad = async (event) => {
	const text = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	if (text.length < 2) return { text, result: null, problem: text ? 'Введите хотя бы два символа' : null };
	const { data, error } = await execute(event, SearchPage, { text });
	if (!data) return { text, result: null, problem: error?.message ?? 'Поиск не удался. Попробуйте ещё раз.' };
	return { text, result: data.search, problem: null };
};

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import type { PageServerLoad } from './$types';

const SchoolPage = graphql(`
	query SchoolPage($id: ID!) {
		node(id: $id) {
			__typename
			... on School {
				id
				participations {
					id
					status
					decree
					summaryPdfUrl
					lastActivityAt
					programmeYear {
						id
						year
						title
						conceptDocumentsDue
						roadmapDue
					}
					curators {
						assignedAt
						curator {
							id
							fullName
							email
							position
							organisationName
						}
					}
				}
			}
		}
	}
`);

export const load: PageServerLoad = async (event) => {
	const id = event.params.schoolId;
	const [data, figures] = await Promise.all([
		query(event, SchoolPage, { id }),
		event.parent().then(({ years }) => summary(event, years[0]?.year ?? null, { schoolIds: [id] }))
	]);
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	return { participations: data.node.participations, figures: figures && figures.participants > 0 ? figures : null };
};

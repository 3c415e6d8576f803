import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { summary } from '$lib/server/monitoring.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import type { PageServerLoad } from './$types';

const SchoolPage = graphql(`
	query SchoolPage($id: ID!) {
		node(id: $id) {
			__typename
			... on School {
				id
				shortName
				fullName
				address
				inn
				ogrn
				canParticipate
				canHostCurators
				municipality {
					id
					name
					region {
						id
						name
					}
				}
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
	if (!isGlobalIdOf(id, 'School')) error(404, 'Не найдено');
	const { years } = await event.parent();
	const year = years[0]?.year ?? null;
	const [data, figures] = await Promise.all([
		query(event, SchoolPage, { id }),
		summary(event, year, { schoolIds: [id] })
	]);
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	return { school: data.node, figures: figures && figures.participants > 0 ? figures : null };
};

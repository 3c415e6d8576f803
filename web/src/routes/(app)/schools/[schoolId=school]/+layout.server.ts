import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

// What every tab of a school shows in its header, crumbs and year switch; each tab asks only for its own part.
const SchoolLayout = graphql(`
	query SchoolLayout($id: ID!) {
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
						timeZone
					}
				}
				participations {
					id
					programmeYear {
						id
						year
					}
				}
			}
		}
	}
`);

/** The school once for all its tabs (overview, documents, risk profile, roadmap). */
export const load: LayoutServerLoad = async (event) => {
	const data = await query(event, SchoolLayout, { id: event.params.schoolId });
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	const { participations, ...school } = data.node;
	return { school, schoolYears: participations.map((p) => p.programmeYear.year) };
};

import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const RoadmapPlace = graphql(`
	query RoadmapPlace($id: ID!) {
		roadmap(id: $id) {
			id
			programmeYear {
				id
				year
			}
			participation {
				id
				school {
					id
				}
			}
			municipality {
				id
			}
		}
	}
`);

/** A roadmap by id (notification links): the school's roadmap page, or the municipality's page. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.roadmapId;
	const { roadmap } = await query(event, RoadmapPlace, { id });
	if (!roadmap) error(404, 'Не найдено');
	const school = roadmap.participation?.school;
	if (school) redirect(303, `/schools/${school.id}/roadmap?year=${roadmap.programmeYear.year}`);
	if (roadmap.municipality) redirect(303, `/municipalities/${roadmap.municipality.id}`);
	error(404, 'Не найдено');
};

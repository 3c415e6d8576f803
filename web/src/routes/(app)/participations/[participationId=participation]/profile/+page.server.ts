import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const ParticipationPlace = graphql(`
	query ParticipationPlace($id: ID!) {
		node(id: $id) {
			__typename
			... on Participation {
				id
				programmeYear {
					id
					year
				}
				school {
					id
				}
			}
		}
	}
`);

/** A participation's risk profile by id (notification links) → the school's profile page for that year. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.participationId;
	const { node } = await query(event, ParticipationPlace, { id });
	if (node?.__typename !== 'Participation') error(404, 'Не найдено');
	redirect(303, `/schools/${node.school.id}/profile?year=${node.programmeYear.year}`);
};

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const PracticeQuery = graphql(`
	query PracticePage($id: ID!, $schoolId: ID!, $hasSchool: Boolean!) {
		practice(id: $id) {
			id
			title
			description
			result
			url
			status
			statusLabel
			regionName
			measureTitles
			viewerCanReview
			viewerCanResubmit
			schoolName
			riskFactor {
				number
				title
			}
			reviews {
				id
				decision
				comment
				createdAt
			}
		}
		school: node(id: $schoolId) @include(if: $hasSchool) {
			... on School {
				participations {
					id
					programmeYear {
						year
					}
				}
			}
		}
	}
`);

/** One practice with its decisions; the viewer's school participations (to copy it into a roadmap). */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:practice');
	const { viewer } = await event.parent();
	const school = viewer.roles.find((r) => r.role === 'SCHOOL')?.school ?? null;
	const data = await query(event, PracticeQuery, { id: event.params.practiceId, schoolId: school?.id ?? '', hasSchool: !!school }).catch(() => null);
	if (!data?.practice) error(404, 'Практика не найдена или недоступна');
	const parts = (data.school && 'participations' in data.school ? data.school.participations : []) ?? [];
	const latest = [...parts].sort((a, b) => b.programmeYear.year - a.programmeYear.year)[0] ?? null;
	return { practice: data.practice, participation: latest };
};

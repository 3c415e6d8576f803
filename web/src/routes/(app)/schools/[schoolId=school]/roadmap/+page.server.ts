import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { pickParticipation } from '$lib/components/school/year.ts';
import { RoadmapEditorFields } from '$lib/components/roadmap/measures.ts';
import { RoadmapReviewFields } from '$lib/components/roadmap/review.ts';
import type { PageServerLoad } from './$types';

const SchoolRoadmap = graphql(`
	query SchoolRoadmapPage($id: ID!) {
		node(id: $id) {
			__typename
			... on School {
				id
				participations {
					id
					status
					viewerCanEditRoadmap
					programmeYear {
						id
						year
						title
						roadmapDue
					}
					riskProfile {
						id
						entries {
							id
							chosen
							riskFactor {
								id
								number
								title
							}
						}
					}
					roadmap {
						id
					}
				}
			}
		}
	}
`);

// Requests of their own, read in parallel: under the school's participations the measures' fields, and
// with them the review's differences, would pass the API's depth limit.
const RoadmapEditor = graphql(
	`
		query SchoolRoadmapEditor($id: ID!) {
			roadmap(id: $id) {
				...RoadmapEditorFields
			}
		}
	`,
	[RoadmapEditorFields]
);

const RoadmapReview = graphql(
	`
		query SchoolRoadmapReview($id: ID!) {
			roadmap(id: $id) {
				...RoadmapReviewFields
			}
		}
	`,
	[RoadmapReviewFields]
);

/** A school's roadmap for a year: the measures as an editable table, progress, import and export. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.schoolId;
	event.depends('medk:roadmap');
	const [{ years }, data] = await Promise.all([event.parent(), query(event, SchoolRoadmap, { id })]);
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	const school = data.node;
	const picked = pickParticipation(school.participations, event.url, years[0]?.year);
	const roadmapId = picked?.roadmap?.id;
	const [editor, review] = roadmapId
		? await Promise.all([query(event, RoadmapEditor, { id: roadmapId }), query(event, RoadmapReview, { id: roadmapId })])
		: [null, null];
	const participation = picked ? { ...picked, roadmap: editor?.roadmap ?? null } : null;
	// The school itself and its years come from the school's layout.
	return { participation, review: review?.roadmap ?? null };
};

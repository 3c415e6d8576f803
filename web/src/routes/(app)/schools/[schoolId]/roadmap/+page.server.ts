import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pickParticipation } from '$lib/components/school/year.ts';
import { MeasureFields } from './fragments.ts';
import { RoadmapReviewFields } from '$lib/components/roadmap/review.ts';
import type { PageServerLoad } from './$types';

const SchoolRoadmap = graphql(
	`
		query SchoolRoadmapPage($id: ID!) {
			node(id: $id) {
				__typename
				... on School {
					id
					shortName
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
							title
							exportUrl
							pdfUrl
							pdfCopies {
								id
								kind
								reason
								versionLabel
								statusLabel
								createdAt
								fileName
								size
								downloadUrl
							}
							viewerCanEdit
							viewerCanReport
							viewerCanComment
							progress {
								asOf
								measuresTotal
								done
								doneOnTime
								dueSoFar
								overdue
								progress
								attainment
								indicatorCount
							}
							measures(first: 500) {
								totalCount
								edges {
									node {
										...MeasureFields
									}
								}
							}
						}
					}
				}
			}
		}
	`,
	[MeasureFields]
);

// Its own request: with the measures' fields the review's differences would pass the API's depth limit.
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
	if (!isGlobalIdOf(id, 'School')) error(404, 'Не найдено');
	event.depends('medk:roadmap');
	const { years } = await event.parent();
	const data = await query(event, SchoolRoadmap, { id });
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	const school = data.node;
	const participation = pickParticipation(school.participations, event.url, years[0]?.year);
	const review = participation?.roadmap ? (await query(event, RoadmapReview, { id: participation.roadmap.id })).roadmap : null;
	return {
		school,
		participation,
		review,
		schoolYears: school.participations.map((p) => p.programmeYear.year)
	};
};

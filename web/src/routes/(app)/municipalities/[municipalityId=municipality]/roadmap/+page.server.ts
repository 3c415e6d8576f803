import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { RoadmapEditorFields } from '$lib/components/roadmap/measures.ts';
import { RoadmapReviewFields } from '$lib/components/roadmap/review.ts';
import type { PageServerLoad } from './$types';

const MunicipalRoadmapPage = graphql(
	`
		query MunicipalRoadmapPage($id: ID!, $year: Int!) {
			node(id: $id) {
				__typename
				... on Municipality {
					id
					name
					viewerCanEditRoadmap
					region {
						id
						name
					}
					roadmap(year: $year) {
						...RoadmapEditorFields
					}
				}
			}
			riskFactors(year: $year) {
				id
				number
				title
			}
		}
	`,
	[RoadmapEditorFields]
);

// Its own request: with the measures' fields the review's differences would pass the API's depth limit.
const MunicipalRoadmapReview = graphql(
	`
		query MunicipalRoadmapReview($id: ID!) {
			roadmap(id: $id) {
				...RoadmapReviewFields
			}
		}
	`,
	[RoadmapReviewFields]
);

/**
 * The municipality's roadmap of the current year in the editor schools use: the municipal coordinator
 * keeps it; the region's coordinators read, comment, verify measures and decide on it.
 */
export const load: PageServerLoad = async (event) => {
	const id = event.params.municipalityId;
	event.depends('medk:municipal-roadmap');
	const { years } = await event.parent();
	const year = years[0];
	if (!year) error(404, 'Год проекта ещё не заведён');
	const data = await query(event, MunicipalRoadmapPage, { id, year: year.year });
	if (data.node?.__typename !== 'Municipality') error(404, 'Не найдено');
	const roadmap = data.node.roadmap;
	const review = roadmap ? (await query(event, MunicipalRoadmapReview, { id: roadmap.id })).roadmap : null;
	return {
		municipality: data.node,
		roadmap,
		review,
		year,
		risks: data.riskFactors.map((f) => ({ id: f.id, label: `${f.number}. ${f.title}` }))
	};
};

import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const ReviewQueue = graphql(
	`
		query ReviewQueuePage($first: Int, $after: String, $last: Int, $before: String) {
			reviewQueue(first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						title
						submittedAt
						deadline
						overdue
						latestVersion {
							id
							number
							fileName
							size
						}
						reviews {
							id
						}
						participation {
							id
							programmeYear {
								id
								year
							}
							school {
								id
								shortName
								municipality {
									id
									name
									region {
										id
										timeZone
									}
								}
							}
						}
					}
				}
			}
		}
	`,
	[PageInfoFields]
);

// Roadmaps are few per reviewer (one per school, plus municipal ones): one page of them, no paging.
const RoadmapQueue = graphql(`
	query RoadmapReviewQueuePage {
		roadmapReviewQueue(first: 200) {
			totalCount
			edges {
				node {
					id
					title
					submittedAt
					versions {
						id
						number
						review {
							decision
						}
					}
					programmeYear {
						id
						year
						roadmapDue
					}
					participation {
						id
						school {
							id
							shortName
							municipality {
								id
								name
							}
						}
					}
					municipality {
						id
						name
					}
				}
			}
		}
	}
`);

/** Documents and roadmaps awaiting the viewer's decision, those waiting longest first (the API's order). */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:review-queue');
	const [data, roadmaps] = await Promise.all([query(event, ReviewQueue, pageArgs(event.url)), query(event, RoadmapQueue, {})]);
	return { queue: data.reviewQueue, roadmaps: roadmaps.roadmapReviewQueue };
};

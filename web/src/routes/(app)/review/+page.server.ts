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

/** Documents awaiting the viewer's decision, those waiting longest first (the API's order). */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:review-queue');
	const data = await query(event, ReviewQueue, pageArgs(event.url));
	return { queue: data.reviewQueue };
};

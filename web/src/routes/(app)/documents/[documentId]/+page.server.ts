import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import type { PageServerLoad } from './$types';

const DocumentPage = graphql(`
	query DocumentPage($id: ID!) {
		document(id: $id) {
			id
			kind
			title
			status
			statusLabel
			revision
			deadline
			overdue
			createdAt
			submittedAt
			decidedAt
			viewerCanReview
			viewerCanSubmit
			viewerCanUpload
			participation {
				id
				programmeYear {
					id
					year
					title
				}
				school {
					id
					shortName
					municipality {
						id
						name
						region {
							id
							name
							timeZone
						}
					}
				}
			}
			versions {
				id
				number
				fileName
				mediaType
				size
				note
				uploadedAt
				submittedAt
				downloadUrl
				uploadedBy {
					fullName
				}
				review {
					id
					decision
					comment
					createdAt
					reviewer {
						fullName
					}
				}
			}
			reviews {
				id
				decision
				comment
				createdAt
				reviewer {
					fullName
				}
				version {
					number
				}
			}
			history {
				action
				at
				comment
				versionNumber
				actor {
					fullName
				}
			}
		}
	}
`);

/** One document: its file, versions, decisions and history; the school uploads and submits, the curator decides. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.documentId;
	if (!isGlobalIdOf(id, 'Document')) error(404, 'Не найдено');
	event.depends('medk:document');
	const data = await query(event, DocumentPage, { id });
	if (!data.document) error(404, 'Не найдено');
	return { document: data.document };
};

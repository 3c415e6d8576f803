import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { pickParticipation } from '$lib/components/school/year.ts';
import type { PageServerLoad } from './$types';

const DocumentRow = graphql(`
	fragment SchoolDocumentRow on Document {
		id
		kind
		title
		status
		statusLabel
		revision
		overdue
		deadline
		updatedAt
		submittedAt
		decidedAt
		viewerCanUpload
		viewerCanSubmit
		latestVersion {
			id
			number
			fileName
			size
			uploadedAt
			submittedAt
			downloadUrl
		}
		reviews {
			id
			decision
			comment
			createdAt
			reviewer {
				fullName
			}
		}
	}
`);

const SchoolDocuments = graphql(
	`
		query SchoolDocumentsPage($id: ID!) {
			node(id: $id) {
				__typename
				... on School {
					id
					participations {
						id
						status
						viewerCanUploadDocuments
						programmeYear {
							id
							year
							title
							conceptDocumentsDue
						}
						curators {
							curator {
								id
								fullName
							}
						}
						requiredDocuments {
							kind
							title
							status
							statusLabel
							deadline
							overdue
							riskFactorId
							riskFactorNumber
							document {
								...SchoolDocumentRow
							}
						}
						documents {
							...SchoolDocumentRow
						}
					}
				}
			}
		}
	`,
	[DocumentRow]
);

/** The documents a school owes in a year, with their state; the school uploads and submits here. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.schoolId;
	event.depends('medk:school-documents');
	const [{ years }, data] = await Promise.all([event.parent(), query(event, SchoolDocuments, { id })]);
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	const school = data.node;
	const participation = pickParticipation(school.participations, event.url, years[0]?.year);
	return { participation };
};

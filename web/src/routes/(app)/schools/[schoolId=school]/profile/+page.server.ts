import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { pickParticipation } from '$lib/components/school/year.ts';
import type { PageServerLoad } from './$types';

const SchoolProfile = graphql(`
	query SchoolProfilePage($id: ID!) {
		node(id: $id) {
			__typename
			... on School {
				id
				participations {
					id
					status
					programmeYear {
						id
						year
						title
					}
					summaryPdfUrl
					pdfCopies {
						kind
						id
						reason
						versionLabel
						statusLabel
						createdAt
						fileName
						size
						downloadUrl
					}
					riskProfile {
						id
						pdfUrl
						verified
						verifiedAt
						updatedAt
						missingParties
						viewerCanConfirmAs
						viewerCanEdit
						confirmations {
							party
							confirmedAt
							confirmedByName
						}
						entries {
							id
							chosen
							significance
							explanation
							computedSignificance
							computedExplanation
							corrected
							recommendation
							riskFactor {
								id
								number
								title
								description
							}
						}
						history {
							seq
							action
							actorName
							at
							reason
							before
							after
						}
					}
				}
			}
		}
	}
`);

/** A school's risk profile for a year: significance and how it was reached, chosen risks, confirmations. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.schoolId;
	event.depends('medk:risk-profile');
	const [{ years }, data] = await Promise.all([event.parent(), query(event, SchoolProfile, { id })]);
	if (data.node?.__typename !== 'School') error(404, 'Не найдено');
	const school = data.node;
	return { participation: pickParticipation(school.participations, event.url, years[0]?.year) };
};

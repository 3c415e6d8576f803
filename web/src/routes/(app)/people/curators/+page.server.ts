import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { Actions, PageServerLoad } from './$types';

const CuratorsPage = graphql(
	`
		query CuratorsPage(
			$schools: SchoolFilter!
			$curators: UserFilter!
			$first: Int
			$after: String
			$last: Int
			$before: String
			$regionId: ID
			$withMunicipalities: Boolean!
			$withRegions: Boolean!
			$year: Int!
		) {
			schools(filter: $schools, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						shortName
						municipality {
							id
							name
						}
						participations {
							id
							status
							viewerCanAssignCurator
							programmeYear {
								year
							}
							curators {
								assignedAt
								curator {
									id
									fullName
									organisationName
								}
							}
						}
					}
				}
			}
			viewer {
				grantableRoles
			}
			curators: users(filter: $curators, first: 500) {
				totalCount
				edges {
					node {
						id
						fullName
						organisationName
					}
				}
			}
			regions(participatingIn: $year, first: 100) @include(if: $withRegions) {
				edges {
					node {
						id
						name
					}
				}
			}
			municipalities(regionId: $regionId, first: 200) @include(if: $withMunicipalities) {
				edges {
					node {
						id
						name
					}
				}
			}
		}
	`,
	[PageInfoFields]
);

/**
 * This year's participating schools with their curators, and the curators of the viewer's territory to
 * assign; the API says (Participation.viewerCanAssignCurator) where the viewer may change them.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { years, viewer } = await event.parent();
	const year = years[0]?.year ?? new Date().getFullYear();
	const municipalityParam = url.searchParams.get('municipality');
	const municipalityId = municipalityParam && isGlobalIdOf(municipalityParam, 'Municipality') ? municipalityParam : null;
	const search = searchArg(url);
	// The federal coordinator picks a region first: curators are offered from the school's region only.
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const regionParam = url.searchParams.get('region');
	const chosenRegion = federal && regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	const regionId = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? chosenRegion;
	const curatorParam = url.searchParams.get('curator');

	const data = await query(event, CuratorsPage, {
		schools: { programmeYear: year, participationStatus: 'PARTICIPATING', regionId: chosenRegion, municipalityId, search },
		curators: { role: 'CURATOR', active: true, regionId },
		...pageArgs(url),
		regionId,
		withMunicipalities: !!regionId,
		withRegions: federal,
		year
	});
	const mustChooseRegion = federal && !chosenRegion;
	return {
		year,
		yearTitle: years[0]?.title ?? String(year),
		filters: { regionId: chosenRegion, municipalityId, search },
		regions: data.regions?.edges.map((e) => e.node) ?? [],
		mustChooseRegion,
		canCreateCurators: !!data.viewer?.grantableRoles.includes('CURATOR'),
		preselected: curatorParam && isGlobalIdOf(curatorParam, 'User') ? curatorParam : null,
		municipalities: data.municipalities?.edges.map((e) => e.node) ?? [],
		curators: mustChooseRegion ? [] : data.curators.edges.map((e) => e.node),
		schools: {
			totalCount: data.schools.totalCount,
			pageInfo: data.schools.pageInfo,
			rows: data.schools.edges
				.map(({ node }) => ({ ...node, participation: node.participations.find((p) => p.programmeYear.year === year) }))
				.filter((s) => !!s.participation)
		}
	};
};

const Assign = graphql(`
	mutation AssignCurator($curatorId: ID!, $participationId: ID!) {
		assignCurator(curatorId: $curatorId, participationId: $participationId) {
			id
			school {
				shortName
			}
			curators {
				curator {
					id
					fullName
				}
			}
		}
	}
`);

const Unassign = graphql(`
	mutation UnassignCurator($curatorId: ID!, $participationId: ID!) {
		unassignCurator(curatorId: $curatorId, participationId: $participationId) {
			id
			school {
				shortName
			}
		}
	}
`);

export const actions: Actions = {
	assign: async (event) => {
		const form = await event.request.formData();
		const participationId = field(form, 'participationId');
		const curatorId = field(form, 'curatorId');
		if (!curatorId) {
			return fail(400, { form: 'assign', message: 'Выберите куратора из списка', fields: {}, values: { participationId } });
		}
		const result = await mutate(event, Assign, { curatorId, participationId }, (d) => d.assignCurator, 'assign', {
			participationId
		});
		if (!result.ok) return result.failure;
		const p = result.value;
		const name = p.curators.find((c) => c.curator.id === curatorId)?.curator.fullName ?? 'Куратор';
		return { form: 'assign', ok: true, participationId, message: `${name} назначен(а) куратором школы ${p.school.shortName}` };
	},

	unassign: async (event) => {
		const form = await event.request.formData();
		const participationId = field(form, 'participationId');
		const result = await mutate(event, Unassign, { curatorId: field(form, 'curatorId'), participationId }, (d) => d.unassignCurator, 'unassign', {
			participationId
		});
		if (!result.ok) return result.failure;
		return {
			form: 'unassign',
			ok: true,
			participationId,
			message: `${field(form, 'curatorName')} больше не куратор школы ${result.value.school.shortName}`
		};
	}
};

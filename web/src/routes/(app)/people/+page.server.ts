import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { execute, query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { Role } from '$lib/graphql/fragments/viewer.ts';
import { ROLE_LABEL } from '$lib/roles.ts';
import type { Actions, PageServerLoad } from './$types';

const PeoplePage = graphql(
	`
		query PeoplePage(
			$filter: UserFilter
			$first: Int
			$after: String
			$last: Int
			$before: String
			$regionId: ID
			$withMunicipalities: Boolean!
			$withRegions: Boolean!
		) {
			users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						id
						fullName
						email
						position
						organisationName
						active
						invitationPending
						viewerCanManage
						mailFailedAt
						mailFailure
						roles {
							role
							regionId
							municipalityId
							schoolId
						}
					}
				}
			}
			viewer {
				grantableRoles
			}
			regions(first: 100) @include(if: $withRegions) {
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

const Places = graphql(`
	query PeoplePlaces($ids: [ID!]!) {
		nodes(ids: $ids) {
			__typename
			... on Region {
				id
				name
			}
			... on Municipality {
				id
				name
			}
			... on School {
				id
				shortName
			}
		}
	}
`);

const ROLES = Object.keys(ROLE_LABEL) as Role[];

/** The people in the viewer's reach, filtered from the URL: role, state, municipality, name or e-mail. */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { viewer } = await event.parent();
	const roleParam = url.searchParams.get('role') as Role | null;
	const role = roleParam && ROLES.includes(roleParam) ? roleParam : null;
	const state = url.searchParams.get('state');
	const municipalityParam = url.searchParams.get('municipality');
	const municipalityId = municipalityParam && isGlobalIdOf(municipalityParam, 'Municipality') ? municipalityParam : null;
	const search = searchArg(url);
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const regionParam = url.searchParams.get('region');
	const chosenRegion = federal && regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	// The municipalities to filter by: the regional coordinator's region's, or the region the federal one chose.
	const ownRegion = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? chosenRegion;

	const data = await query(event, PeoplePage, {
		filter: {
			role,
			search,
			regionId: chosenRegion,
			municipalityId,
			active: state === 'active' ? true : state === 'inactive' ? false : null
		},
		...pageArgs(url),
		regionId: ownRegion,
		withMunicipalities: !!ownRegion,
		withRegions: federal
	});
	const users = data.users.edges.map((e) => e.node);

	// Roles name their territory by id: one request for the names of this page's places.
	const ids = [...new Set(users.flatMap((u) => u.roles.flatMap((r) => [r.regionId, r.municipalityId, r.schoolId])))].filter(
		(id): id is string => !!id
	);
	const names = new Map<string, string>();
	if (ids.length) {
		const places = await execute(event, Places, { ids });
		for (const n of places.data?.nodes ?? []) {
			if (n?.__typename === 'Region' || n?.__typename === 'Municipality') names.set(n.id, n.name);
			if (n?.__typename === 'School') names.set(n.id, n.shortName);
		}
	}
	return {
		filters: { role, state, regionId: chosenRegion, municipalityId, search },
		regions: data.regions?.edges.map((e) => e.node) ?? [],
		grantableRoles: data.viewer?.grantableRoles ?? [],
		municipalities: data.municipalities?.edges.map((e) => e.node) ?? [],
		users: {
			totalCount: data.users.totalCount,
			pageInfo: data.users.pageInfo,
			rows: users.map((u) => ({
				...u,
				roles: u.roles.map((r) => ({
					role: r.role,
					place: [r.schoolId, r.municipalityId, r.regionId].map((id) => (id ? names.get(id) : null)).find(Boolean) ?? null
				}))
			}))
		}
	};
};

const Reissue = graphql(
	`
		mutation ReissueInvitation($userId: ID!) {
			reissueInvitation(userId: $userId) {
				__typename
				...ErrorFields
				... on MutationReissueInvitationSuccess {
					data {
						invitationPath
						invitationMailed
						user {
							id
							fullName
						}
					}
				}
			}
		}
	`,
	[ErrorFields]
);

const SetActive = graphql(`
	mutation SetUserActive($userId: ID!, $active: Boolean!) {
		setUserActive(userId: $userId, active: $active) {
			id
			fullName
			active
		}
	}
`);

export const actions: Actions = {
	/** A new one-time invitation link (older ones stop working), shown to copy. */
	reissue: async (event) => {
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		const result = await mutate(event, Reissue, { userId }, (d) => d.reissueInvitation, 'reissue', { userId });
		if (!result.ok) return result.failure;
		const { invitationPath, invitationMailed, user } = result.value.data;
		return {
			form: 'reissue',
			ok: true,
			userId,
			message: `Новая ссылка-приглашение для ${user.fullName}: прежние ссылки больше не действуют.`,
			invitationUrl: new URL(invitationPath, event.url).href,
			invitationMailed
		};
	},

	active: async (event) => {
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		const active = field(form, 'active') === 'true';
		const result = await mutate(event, SetActive, { userId, active }, (d) => d.setUserActive, 'active', { userId });
		if (!result.ok) return result.failure;
		const u = result.value;
		return {
			form: 'active',
			ok: true,
			userId,
			message: u.active ? `Учётная запись ${u.fullName} снова включена` : `Учётная запись ${u.fullName} отключена: все её сеансы завершены`
		};
	}
};

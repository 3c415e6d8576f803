import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import type { Role } from '$lib/graphql/fragments/viewer.ts';
import type { Actions, PageServerLoad } from './$types';

const EditUserPage = graphql(`
	query EditUserPage($id: ID!) {
		node(id: $id) {
			__typename
			... on User {
				id
				fullName
				email
				position
				organisationName
				viewerCanManage
				roles {
					role
					regionId
					municipalityId
					schoolId
				}
			}
		}
		viewer {
			id
			grantableRoles
		}
		regions(first: 100) {
			edges {
				node {
					id
					name
				}
			}
		}
	}
`);

/** The account editor: the person as the API has it, and the roles the viewer may grant. */
export const load: PageServerLoad = async (event) => {
	const id = event.params.userId;
	if (!isGlobalIdOf(id, 'User')) error(404, 'Пользователь не найден');
	const data = await query(event, EditUserPage, { id });
	const user = data.node?.__typename === 'User' ? data.node : null;
	if (!user) error(404, 'Пользователь не найден или у вас нет к нему доступа');
	if (!user.viewerCanManage) error(403, 'Изменять эту учётную запись может координатор, который её ведёт');
	return {
		user,
		self: user.id === data.viewer?.id,
		grantableRoles: data.viewer?.grantableRoles ?? [],
		regions: data.regions.edges.map((e) => e.node)
	};
};

const UpdateUser = graphql(
	`
		mutation UpdateUser($input: UpdateUserInput!) {
			updateUser(input: $input) {
				__typename
				...ErrorFields
				... on MutationUpdateUserSuccess {
					data {
						id
						fullName
					}
				}
			}
		}
	`,
	[ErrorFields]
);

const SCOPE: Record<Role, 'none' | 'region' | 'municipality' | 'school' | 'organisation' | 'region-or-municipality'> = {
	FEDERAL_COORDINATOR: 'none',
	REGIONAL_COORDINATOR: 'region',
	MUNICIPAL_COORDINATOR: 'municipality',
	OBSERVER: 'region-or-municipality',
	SCHOOL: 'school',
	CURATOR: 'organisation'
};

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const values = Object.fromEntries(
			['fullName', 'email', 'position', 'changeRole', 'role', 'regionId', 'municipalityId', 'schoolId'].map((k) => [k, field(form, k)])
		);
		let role = null;
		if (values.changeRole) {
			const r = values.role as Role;
			if (!(r in SCOPE)) return fail(400, { form: 'save', message: 'Выберите новую роль', fields: { role: 'Выберите роль' }, values });
			const scope = SCOPE[r];
			role = {
				role: r,
				regionId: scope === 'region' || (scope === 'region-or-municipality' && !values.municipalityId) ? values.regionId || null : null,
				municipalityId: scope === 'municipality' || scope === 'region-or-municipality' ? values.municipalityId || null : null,
				schoolId: scope === 'school' ? values.schoolId || null : null,
				organisationId: scope === 'organisation' || scope === 'school' ? values.schoolId || null : null
			};
		}
		const input = {
			userId: event.params.userId,
			fullName: values.fullName,
			email: values.email,
			position: values.position,
			role
		};
		const result = await mutate(event, UpdateUser, { input }, (d) => d.updateUser, 'save', values);
		if (!result.ok) return result.failure;
		redirect(303, `/people?q=${encodeURIComponent(values.email)}&saved=${encodeURIComponent(result.value.data.fullName)}`);
	}
};

import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import type { Role } from '$lib/graphql/fragments/viewer.ts';
import type { Actions, PageServerLoad } from './$types';

const NewUserPage = graphql(`
	query NewUserPage {
		viewer {
			grantableRoles
		}
		regions(first: 100) {
			totalCount
			edges {
				node {
					id
					name
				}
			}
		}
	}
`);

/** The form for a new account: the roles the viewer may grant (the API's list) and the regions it reaches. */
export const load: PageServerLoad = async (event) => {
	const data = await query(event, NewUserPage, {});
	return {
		grantableRoles: data.viewer?.grantableRoles ?? [],
		regions: data.regions.edges.map((e) => e.node)
	};
};

const CreateUser = graphql(
	`
		mutation CreateUser($input: CreateUserInput!) {
			createUser(input: $input) {
				__typename
				...ErrorFields
				... on MutationCreateUserSuccess {
					data {
						invitationPath
						invitationMailed
						user {
							id
							fullName
							email
						}
					}
				}
			}
		}
	`,
	[ErrorFields]
);

/** Which place each role is tied to (the rest of the form's places are ignored). */
const SCOPE: Record<Role, 'none' | 'region' | 'municipality' | 'school' | 'organisation' | 'region-or-municipality'> = {
	FEDERAL_COORDINATOR: 'none',
	REGIONAL_COORDINATOR: 'region',
	MUNICIPAL_COORDINATOR: 'municipality',
	OBSERVER: 'region-or-municipality',
	SCHOOL: 'school',
	CURATOR: 'organisation'
};

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		const values = Object.fromEntries(
			['role', 'email', 'fullName', 'position', 'regionId', 'municipalityId', 'schoolId'].map((k) => [k, field(form, k)])
		);
		const role = values.role as Role;
		// Nothing is pre-selected: the person creating the account chooses the role deliberately.
		if (!(role in SCOPE)) return fail(400, { form: 'create', message: 'Выберите роль', fields: { role: 'Выберите роль' }, values });
		const scope = SCOPE[role];
		const input = {
			role,
			email: values.email,
			fullName: values.fullName,
			position: values.position || null,
			regionId: scope === 'region' || (scope === 'region-or-municipality' && !values.municipalityId) ? values.regionId || null : null,
			municipalityId: scope === 'municipality' || scope === 'region-or-municipality' ? values.municipalityId || null : null,
			schoolId: scope === 'school' ? values.schoolId || null : null,
			organisationId: scope === 'organisation' || scope === 'school' ? values.schoolId || null : null
		};
		const result = await mutate(event, CreateUser, { input }, (d) => d.createUser, 'create', values);
		if (!result.ok) return result.failure;
		const { invitationPath, invitationMailed, user } = result.value.data;
		return {
			form: 'create',
			ok: true,
			message: `Учётная запись ${user.fullName} (${user.email}) создана`,
			userId: user.id,
			fullName: user.fullName,
			role,
			invitationUrl: new URL(invitationPath, event.url).href,
			invitationMailed
		};
	}
};

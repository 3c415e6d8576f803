import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import type { Actions, PageServerLoad } from './$types';

const SchoolEditPage = graphql(`
	query SchoolEditPage($id: ID!) {
		node(id: $id) {
			__typename
			... on School {
				id
				fullName
				shortName
				inn
				ogrn
				address
				canParticipate
				canHostCurators
				municipality {
					id
					name
					region {
						id
						name
						municipalities(first: 500) {
							edges {
								node {
									id
									name
								}
							}
						}
					}
				}
			}
		}
	}
`);

export const load: PageServerLoad = async (event) => {
	const data = await query(event, SchoolEditPage, { id: event.params.schoolId });
	if (data.node?.__typename !== 'School') error(404, 'Школа не найдена');
	const s = data.node;
	return { school: s, municipalities: s.municipality.region.municipalities.edges.map((e) => e.node) };
};

const Update = graphql(
	`
		mutation UpdateSchool($id: ID!, $input: UpdateSchoolInput!) {
			updateSchool(id: $id, input: $input) {
				__typename
				... on MutationUpdateSchoolSuccess {
					data {
						id
						shortName
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const values = Object.fromEntries(['fullName', 'shortName', 'inn', 'ogrn', 'address', 'municipalityId'].map((k) => [k, field(form, k)]));
		const input = {
			fullName: values.fullName,
			shortName: values.shortName,
			inn: values.inn || undefined,
			ogrn: values.ogrn || undefined,
			address: values.address,
			municipalityId: values.municipalityId || undefined,
			canParticipate: form.get('canParticipate') === 'on',
			canHostCurators: form.get('canHostCurators') === 'on'
		};
		const r = await mutate(event, Update, { id: event.params.schoolId, input }, (d) => d.updateSchool, 'save', values);
		if (!r.ok) return r.failure;
		return { form: 'save', ok: true, message: 'Изменения сохранены и записаны в историю школы' };
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isIsoDate } from '$lib/components/registry/labels.ts';
import type { Actions, PageServerLoad } from './$types';

const YearsPage = graphql(`
	query ProgrammeYearsPage {
		programmes {
			id
			shortName
			name
			isFederal
			viewerCanManage
			region {
				name
			}
		}
		programmeYears {
			id
			year
			title
			conceptDocumentsDue
			roadmapDue
			participantCount
			viewerCanManage
			programme {
				id
				shortName
				isFederal
			}
			riskFactors {
				id
			}
		}
	}
`);

/**
 * Programme years: «500+» (run by the federal coordinator) and the region's own programme (run by its
 * coordinator): the list, a new year blank or copied from another year of the same programme, and a
 * region's programme opened by its coordinator.
 */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region ?? null;
	if (!federal && !own) redirect(303, '/');
	const data = await query(event, YearsPage, {});
	const managed = data.programmes.filter((p) => p.viewerCanManage);
	return {
		list: data.programmeYears,
		programmes: data.programmes,
		managed,
		/** A regional coordinator whose region has no programme yet may open one. */
		canOpenProgramme: !!own && !data.programmes.some((p) => !p.isFederal && p.region?.name === own.name)
	};
};

const OpenProgramme = graphql(`
	mutation CreateProgramme($name: String!, $shortName: String!, $description: String) {
		createProgramme(name: $name, shortName: $shortName, description: $description) {
			__typename
			... on MutationCreateProgrammeSuccess {
				data {
					id
					shortName
				}
			}
			... on Error {
				message
				code
			}
		}
	}
`);

const Create = graphql(
	`
		mutation CreateProgrammeYear($year: Int!, $copyFrom: Int, $settings: ProgrammeYearSettingsInput, $programmeId: ID) {
			createProgrammeYear(year: $year, copyFrom: $copyFrom, settings: $settings, programmeId: $programmeId) {
				__typename
				... on MutationCreateProgrammeYearSuccess {
					data {
						id
						year
						title
						programme {
							isFederal
						}
						riskFactors {
							id
						}
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		const values = {
			year: field(form, 'year'),
			copyFrom: field(form, 'copyFrom'),
			conceptDocumentsDue: field(form, 'conceptDocumentsDue'),
			programmeId: field(form, 'programmeId')
		};
		const year = Number(values.year);
		if (!Number.isInteger(year) || year < 2020 || year > 2100)
			return fail(400, { form: 'create', message: 'Укажите год от 2020 до 2100', fields: { year: 'Год от 2020 до 2100' }, values });
		const copyFrom = values.copyFrom ? Number(values.copyFrom) : null;
		if (values.conceptDocumentsDue && !isIsoDate(values.conceptDocumentsDue))
			return fail(400, { form: 'create', message: 'Неверная дата', fields: {}, values });
		if (!copyFrom && !values.conceptDocumentsDue)
			return fail(400, {
				form: 'create',
				message: 'Укажите срок концептуальных документов или выберите год для копирования',
				fields: { conceptDocumentsDue: 'Укажите срок' },
				values
			});
		const settings = values.conceptDocumentsDue ? { conceptDocumentsDue: values.conceptDocumentsDue } : null;
		const r = await mutate(
			event,
			Create,
			{ year, copyFrom, settings, programmeId: values.programmeId || null },
			(d) => d.createProgrammeYear,
			'create',
			values
		);
		if (!r.ok) return r.failure;
		if (r.value.__typename !== 'MutationCreateProgrammeYearSuccess')
			return fail(400, { form: 'create', message: 'Год не открыт', fields: {}, values });
		const created = r.value.data;
		redirect(303, `/programme-years/${created.programme.isFederal ? created.year : created.id}?created=${copyFrom ?? ''}`);
	},
	programme: async (event) => {
		const form = await event.request.formData();
		const values = { name: field(form, 'name'), shortName: field(form, 'shortName'), description: field(form, 'description') };
		if (!values.name || !values.shortName)
			return fail(400, { form: 'programme', message: 'Укажите название и краткое название проекта', fields: {}, values });
		const r = await mutate(
			event,
			OpenProgramme,
			{ name: values.name, shortName: values.shortName, description: values.description || null },
			(d) => d.createProgramme,
			'programme',
			values
		);
		if (!r.ok) return r.failure;
		return { form: 'programme', ok: true, message: `Проект «${values.shortName}» открыт: откройте его первый год` };
	}
};

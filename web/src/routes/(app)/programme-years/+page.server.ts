import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isIsoDate } from '$lib/components/registry/labels.ts';
import type { Actions, PageServerLoad } from './$types';

const YearsPage = graphql(`
	query ProgrammeYearsPage {
		programmeYears {
			id
			year
			title
			conceptDocumentsDue
			roadmapDue
			participantCount
			viewerCanManage
			riskFactors {
				id
			}
		}
	}
`);

/** Programme years (federal coordinator): the list and a new year, blank or copied from another. */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	if (!viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR')) redirect(303, '/');
	const data = await query(event, YearsPage, {});
	return { list: data.programmeYears };
};

const Create = graphql(`
	mutation CreateProgrammeYear($year: Int!, $copyFrom: Int, $settings: ProgrammeYearSettingsInput) {
		createProgrammeYear(year: $year, copyFrom: $copyFrom, settings: $settings) {
			__typename
			... on MutationCreateProgrammeYearSuccess {
				data {
					id
					year
					title
					riskFactors {
						id
					}
				}
			}
			...ErrorFields
		}
	}
`, [ErrorFields]);

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		const values = { year: field(form, 'year'), copyFrom: field(form, 'copyFrom'), conceptDocumentsDue: field(form, 'conceptDocumentsDue') };
		const year = Number(values.year);
		if (!Number.isInteger(year) || year < 2020 || year > 2100) return fail(400, { form: 'create', message: 'Укажите год от 2020 до 2100', fields: { year: 'Год от 2020 до 2100' }, values });
		const copyFrom = values.copyFrom ? Number(values.copyFrom) : null;
		if (values.conceptDocumentsDue && !isIsoDate(values.conceptDocumentsDue)) return fail(400, { form: 'create', message: 'Неверная дата', fields: {}, values });
		if (!copyFrom && !values.conceptDocumentsDue)
			return fail(400, { form: 'create', message: 'Укажите срок концептуальных документов или выберите год для копирования', fields: { conceptDocumentsDue: 'Укажите срок' }, values });
		const settings = values.conceptDocumentsDue ? { conceptDocumentsDue: values.conceptDocumentsDue } : null;
		const r = await mutate(event, Create, { year, copyFrom, settings }, (d) => d.createProgrammeYear, 'create', values);
		if (!r.ok) return r.failure;
		if (r.value.__typename !== 'MutationCreateProgrammeYearSuccess') return fail(400, { form: 'create', message: 'Год не открыт', fields: {}, values });
		redirect(303, `/programme-years/${r.value.data.year}?created=${copyFrom ?? ''}`);
	}
};

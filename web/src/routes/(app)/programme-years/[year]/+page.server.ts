import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { isIsoDate } from '$lib/components/registry/labels.ts';
import type { Actions, PageServerLoad } from './$types';

const YearPage = graphql(`
	query ProgrammeYearPage {
		programmeYears {
			id
			year
			title
			conceptDocumentsDue
			roadmapDue
			measureDueSoonDays
			documentsDueSoonDays
			reviewWaitDays
			coordinatorsMayReview
			roadmapAssistedEditing
			participantCount
			viewerCanManage
			programme {
				id
				shortName
				isFederal
			}
			riskFactors {
				id
				number
				title
			}
		}
	}
`);

const History = graphql(`
	query ProgrammeYearHistory($id: ID!) {
		node(id: $id) {
			__typename
			... on ProgrammeYear {
				history {
					seq
					action
					at
					actorName
					before
					after
					reason
				}
			}
		}
	}
`);

export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	if (!viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR' || r.role === 'REGIONAL_COORDINATOR')) redirect(303, '/');
	const data = await query(event, YearPage, {});
	// `/programme-years/2026` is «500+ 2026»; a region's programme year is addressed by its id.
	const y =
		data.programmeYears.find((x) => x.id === event.params.year) ??
		data.programmeYears.find((x) => x.programme.isFederal && String(x.year) === event.params.year);
	if (!y) error(404, 'Год проекта не найден');
	if (!y.viewerCanManage) redirect(303, '/programme-years');
	const h = await query(event, History, { id: y.id });
	return {
		y,
		history: h.node?.__typename === 'ProgrammeYear' ? h.node.history.toReversed() : [],
		createdFrom: event.url.searchParams.get('created')
	};
};

const Update = graphql(
	`
		mutation UpdateProgrammeYear($id: ID!, $settings: ProgrammeYearSettingsInput!, $reason: String!) {
			updateProgrammeYear(id: $id, settings: $settings, reason: $reason) {
				__typename
				... on MutationUpdateProgrammeYearSuccess {
					data {
						id
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);
const SaveFactor = graphql(
	`
		mutation SaveRiskFactor($programmeYearId: ID!, $number: Int!, $title: String!) {
			saveRiskFactor(programmeYearId: $programmeYearId, number: $number, title: $title) {
				__typename
				... on MutationSaveRiskFactorSuccess {
					data {
						id
						number
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);
const RemoveFactor = graphql(
	`
		mutation RemoveRiskFactor($id: ID!) {
			removeRiskFactor(id: $id) {
				__typename
				... on MutationRemoveRiskFactorSuccess {
					data
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);
const Delete = graphql(
	`
		mutation DeleteProgrammeYear($id: ID!) {
			deleteProgrammeYear(id: $id) {
				__typename
				... on MutationDeleteProgrammeYearSuccess {
					data
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);

const int = (s: string) => (s === '' ? undefined : Number(s));

export const actions: Actions = {
	update: async (event) => {
		const form = await event.request.formData();
		const keys = ['title', 'conceptDocumentsDue', 'roadmapDue', 'measureDueSoonDays', 'documentsDueSoonDays', 'reviewWaitDays', 'reason'];
		const values = Object.fromEntries(keys.map((k) => [k, field(form, k)]));
		for (const k of ['conceptDocumentsDue', 'roadmapDue'])
			if (values[k] && !isIsoDate(values[k]!))
				return fail(400, { form: 'update', message: 'Неверная дата', fields: { [k]: 'Неверная дата' }, values });
		if (!values.reason)
			return fail(400, { form: 'update', message: 'Укажите причину изменения — она останется в истории', fields: { reason: 'Обязательно' }, values });
		const settings = {
			title: values.title || undefined,
			conceptDocumentsDue: values.conceptDocumentsDue || undefined,
			roadmapDue: values.roadmapDue || undefined,
			measureDueSoonDays: int(values.measureDueSoonDays!),
			documentsDueSoonDays: int(values.documentsDueSoonDays!),
			reviewWaitDays: int(values.reviewWaitDays!),
			coordinatorsMayReview: form.get('coordinatorsMayReview') === 'on',
			roadmapAssistedEditing: form.get('roadmapAssistedEditing') === 'on'
		};
		const r = await mutate(event, Update, { id: field(form, 'id'), settings, reason: values.reason }, (d) => d.updateProgrammeYear, 'update', values);
		if (!r.ok) return r.failure;
		return { form: 'update', ok: true, message: 'Настройки года сохранены; причина записана в историю' };
	},
	saveFactor: async (event) => {
		const form = await event.request.formData();
		const values = { number: field(form, 'number'), title: field(form, 'title') };
		const r = await mutate(
			event,
			SaveFactor,
			{ programmeYearId: field(form, 'id'), number: Number(values.number), title: values.title },
			(d) => d.saveRiskFactor,
			'factor',
			values
		);
		if (!r.ok) return r.failure;
		return { form: 'factor', ok: true, message: `Фактор № ${values.number} сохранён` };
	},
	removeFactor: async (event) => {
		const form = await event.request.formData();
		const r = await mutate(event, RemoveFactor, { id: field(form, 'factorId') }, (d) => d.removeRiskFactor, 'factor');
		if (!r.ok) return r.failure;
		return { form: 'factor', ok: true, message: `Фактор «${field(form, 'title')}» убран из перечня` };
	},
	delete: async (event) => {
		const form = await event.request.formData();
		const r = await mutate(event, Delete, { id: field(form, 'id') }, (d) => d.deleteProgrammeYear, 'delete');
		if (!r.ok) return r.failure;
		redirect(303, '/programme-years');
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import { count } from '$lib/format.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pickYear, yearPhrase, yearValue } from '$lib/programme-year.ts';
import { isIsoDate } from '$lib/components/registry/labels.ts';
import type { ParticipationStatus } from '$lib/components/territory/participation.ts';
import type { Actions, PageServerLoad } from './$types';

const ParticipantsPage = graphql(`
	query ParticipantsPage($year: Int!, $programmeId: ID!, $regionId: ID, $hasRegion: Boolean!, $withRegions: Boolean!, $pick: String) {
		participations(filter: { year: $year, programmeId: $programmeId, regionId: $regionId }, first: 500) {
			totalCount
			edges {
				node {
					id
					status
					statusReason
					statusDate
					decree
					viewerCanChangeStatus
					statusHistory {
						seq
						action
						at
						actorName
						after
						reason
					}
					school {
						id
						shortName
						inn
						municipality {
							name
						}
					}
				}
			}
		}
		regions(first: 100) @include(if: $withRegions) {
			edges {
				node {
					id
					name
					code
				}
			}
		}
		candidates: schools(filter: { regionId: $regionId, search: $pick }, first: 100) @include(if: $hasRegion) {
			totalCount
			edges {
				node {
					id
					shortName
					inn
					canParticipate
					municipality {
						name
					}
					participations {
						programmeYear {
							id
						}
					}
				}
			}
		}
	}
`);

/** A year's participants of the viewer's region (federal: of a chosen region), and schools to add from the registry. */
export const load: PageServerLoad = async (event) => {
	const { viewer, years } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? null;
	if (!federal && !own) redirect(303, '/');
	const { url } = event;
	const picked = pickYear(years, url.searchParams.get('year'));
	if (!picked) redirect(303, '/programme-years');
	const year = picked.year;
	const param = url.searchParams.get('region');
	const regionId = federal ? (param && isGlobalIdOf(param, 'Region') ? param : null) : own;
	const pick = url.searchParams.get('pick')?.trim().slice(0, 200) || null;
	const data = await query(event, ParticipantsPage, {
		year,
		programmeId: picked.programme.id,
		regionId,
		hasRegion: !!regionId,
		withRegions: federal,
		pick
	});
	return {
		year,
		picked,
		yearValue: yearValue(picked),
		yearPhrase: yearPhrase(picked),
		/** A region's programme takes its own region's schools only: the federal coordinator picks no other region. */
		programmeId: picked.programme.isFederal ? null : picked.programme.id,
		regionId,
		pick,
		federal,
		regions: data.regions?.edges.map((e) => e.node) ?? [],
		participants: { total: data.participations.totalCount, rows: data.participations.edges.map((e) => e.node) },
		candidates: data.candidates
			? {
					total: data.candidates.totalCount,
					rows: data.candidates.edges.map(({ node: { participations, ...s } }) => ({
						...s,
						listed: participations.some((p) => p.programmeYear.id === picked.id)
					}))
				}
			: null
	};
};

const Add = graphql(
	`
		mutation AddParticipants($input: AddParticipantsInput!) {
			addParticipants(input: $input) {
				__typename
				... on MutationAddParticipantsSuccess {
					data {
						added {
							id
						}
						alreadyListed {
							shortName
						}
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);

const ChangeStatus = graphql(
	`
		mutation ChangeParticipationStatus($id: ID!, $status: ParticipationStatus!, $reason: String!, $date: Date) {
			changeParticipationStatus(id: $id, status: $status, reason: $reason, date: $date) {
				__typename
				... on MutationChangeParticipationStatusSuccess {
					data {
						id
						status
						school {
							shortName
						}
					}
				}
				...ErrorFields
			}
		}
	`,
	[ErrorFields]
);

const STATUSES: ParticipationStatus[] = ['PARTICIPATING', 'WITHDRAWN', 'LEFT_LOW_RESULTS'];

export const actions: Actions = {
	add: async (event) => {
		const form = await event.request.formData();
		const schoolIds = form
			.getAll('schoolId')
			.map(String)
			.filter((id) => isGlobalIdOf(id, 'School'));
		const values = { decreeNumber: field(form, 'decreeNumber'), decreeDate: field(form, 'decreeDate') };
		const year = Number(field(form, 'year'));
		const programmeId = field(form, 'programmeId') || null;
		if (!schoolIds.length) return fail(400, { form: 'add', message: 'Отметьте школы, которые включает приказ', fields: {}, values });
		if (!values.decreeNumber || !isIsoDate(values.decreeDate))
			return fail(400, { form: 'add', message: 'Укажите номер и дату приказа', fields: {}, values });
		const r = await mutate(
			event,
			Add,
			{ input: { year, programmeId, schoolIds, decreeNumber: values.decreeNumber, decreeDate: values.decreeDate } },
			(d) => d.addParticipants,
			'add',
			values
		);
		if (!r.ok) return r.failure;
		if (r.value.__typename !== 'MutationAddParticipantsSuccess') return fail(400, { form: 'add', message: 'Не добавлено', fields: {}, values });
		const { added, alreadyListed } = r.value.data;
		const already = alreadyListed.length ? ` Уже были в списке: ${alreadyListed.map((s) => s.shortName).join(', ')}.` : '';
		return {
			form: 'add',
			ok: true,
			message: `Добавлено в список ${field(form, 'yearPhrase') || `${year} года`}: ${count(added.length, ['школа', 'школы', 'школ'])}.${already}`
		};
	},
	status: async (event) => {
		const form = await event.request.formData();
		const id = field(form, 'participationId');
		const status = field(form, 'status') as ParticipationStatus;
		const values = { participationId: id, reason: field(form, 'reason'), date: field(form, 'date'), status };
		if (!STATUSES.includes(status)) return fail(400, { form: 'status', message: 'Выберите статус', fields: {}, values });
		if (values.date && !isIsoDate(values.date)) return fail(400, { form: 'status', message: 'Неверная дата', fields: {}, values });
		const r = await mutate(
			event,
			ChangeStatus,
			{ id, status, reason: values.reason, date: values.date || null },
			(d) => d.changeParticipationStatus,
			'status',
			values
		);
		if (!r.ok) return r.failure;
		if (r.value.__typename !== 'MutationChangeParticipationStatusSuccess')
			return fail(400, { form: 'status', message: 'Не изменено', fields: {}, values });
		return { form: 'status', ok: true, participationId: id, message: `Статус школы ${r.value.data.school.shortName} изменён` };
	}
};

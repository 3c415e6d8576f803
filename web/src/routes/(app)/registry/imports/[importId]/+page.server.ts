import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { mutate } from '$lib/server/actions.ts';
import { count } from '$lib/format.ts';
import type { RowOutcome } from '$lib/components/registry/labels.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 100;
const OUTCOMES: RowOutcome[] = ['NEW', 'CHANGED', 'UNCHANGED', 'REJECTED'];

const ImportPage = graphql(`
	query RegistryImportPage($id: ID!, $outcome: RegistryRowOutcome, $offset: Int, $limit: Int) {
		registryImport(id: $id) {
			id
			kind
			fileName
			decree
			createdAt
			appliedAt
			newCount
			changedCount
			unchangedCount
			rejectedCount
			rows(outcome: $outcome, offset: $offset, limit: $limit) {
				rowNumber
				outcome
				label
				data
				changes
				problems {
					column
					message
				}
			}
		}
	}
`);

/** A previewed import: its counts and one page of rows, filtered by outcome (?outcome=REJECTED&page=2). */
export const load: PageServerLoad = async (event) => {
	const { url, params } = event;
	if (!/^[0-9a-f-]{36}$/.test(params.importId)) error(404, 'Загрузка не найдена');
	const o = url.searchParams.get('outcome') as RowOutcome | null;
	const outcome = o && OUTCOMES.includes(o) ? o : null;
	const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
	const data = await query(event, ImportPage, { id: params.importId, outcome, offset: (page - 1) * PAGE, limit: PAGE });
	if (!data.registryImport) error(404, 'Загрузка не найдена');
	const imp = data.registryImport;
	const total = outcome
		? { NEW: imp.newCount, CHANGED: imp.changedCount, UNCHANGED: imp.unchangedCount, REJECTED: imp.rejectedCount }[outcome]
		: imp.newCount + imp.changedCount + imp.unchangedCount + imp.rejectedCount;
	return { imp, outcome, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
};

const Apply = graphql(
	`
		mutation ApplyRegistryImport($id: ID!) {
			applyRegistryImport(id: $id) {
				__typename
				... on MutationApplyRegistryImportSuccess {
					data {
						import {
							id
							newCount
							changedCount
						}
						profilesCreated
						profilesLevelChanged
						invitations {
							email
							fullName
							role
							schoolName
							invitationPath
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
	apply: async (event) => {
		const r = await mutate(event, Apply, { id: event.params.importId }, (d) => d.applyRegistryImport, 'apply');
		if (!r.ok) return r.failure;
		if (r.value.__typename !== 'MutationApplyRegistryImportSuccess') return { form: 'apply', ok: false, message: 'Не применено' };
		const { import: imp, invitations, profilesCreated, profilesLevelChanged } = r.value.data;
		const parts = [
			imp.newCount && `добавлено ${count(imp.newCount, ['строка', 'строки', 'строк'])}`,
			imp.changedCount && `изменено ${count(imp.changedCount, ['строка', 'строки', 'строк'])}`,
			profilesCreated && `рассчитано рисковых профилей: ${profilesCreated}`,
			profilesLevelChanged && `профилей с изменившейся значимостью (ждут нового подтверждения): ${profilesLevelChanged}`
		].filter(Boolean);
		return { form: 'apply', ok: true, message: `Изменения записаны: ${parts.join(', ')}.`, invitations };
	}
};

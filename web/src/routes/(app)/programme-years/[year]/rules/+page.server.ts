import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const RulesPage = graphql(`
	query SignificanceRulesPage($year: Int!) {
		riskFactors(year: $year) {
			id
			number
			title
		}
		significanceRules(year: $year) {
			id
			indicatorTitle
			combination
			highFrom
			mediumFrom
			updatedAt
			riskFactor {
				id
			}
			questions {
				code
				group
			}
		}
		significanceRuleHistory(year: $year) {
			seq
			action
			at
			actorName
			before
			after
		}
	}
`);

/** The year's significance rules by factor, with their history: everyone reads, the federal coordinator edits. */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	const year = Number(event.params.year);
	if (!Number.isInteger(year) || year < 2020 || year > 2100) error(404, 'Год проекта не найден');
	event.depends('medk:significance-rules');
	const data = await query(event, RulesPage, { year });
	return {
		year,
		canEdit: viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR'),
		factors: data.riskFactors,
		rules: data.significanceRules,
		// Newest first; the page shows the latest changes.
		history: data.significanceRuleHistory.toReversed().slice(0, 50)
	};
};

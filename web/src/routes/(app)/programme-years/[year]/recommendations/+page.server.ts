import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const Recommendations = graphql(`
	query RiskRecommendationsPage($year: Int!) {
		riskFactors(year: $year) {
			id
			number
			title
			recommendations {
				significance
				text
				updatedAt
			}
		}
	}
`);

/** The year's risk factors with their recommendations per significance (federal coordinator). */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	if (!viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR')) redirect(303, '/');
	const year = Number(event.params.year);
	if (!Number.isInteger(year) || year < 2020 || year > 2100) error(404, 'Год проекта не найден');
	event.depends('medk:risk-recommendations');
	const data = await query(event, Recommendations, { year });
	return { year, factors: data.riskFactors };
};

import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const SurveyPage = graphql(`
	query SurveyPage($year: Int!) {
		significanceRules(year: $year) {
			id
			questions {
				code
				group
			}
		}
	}
`);

/** Survey results of a year: the federal coordinator (any region) and regional coordinators (their own). */
export const load: PageServerLoad = async (event) => {
	const { viewer, years } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? null;
	if (!federal && !own) redirect(303, '/');
	const yearParam = Number(event.url.searchParams.get('year'));
	const year = years.some((y) => y.year === yearParam) ? yearParam : (years[0]?.year ?? new Date().getFullYear());
	const data = await query(event, SurveyPage, { year });
	// Every question the year's rules read, once, in questionnaire order.
	const seen = new Map<string, (typeof data.significanceRules)[number]['questions'][number]>();
	for (const r of data.significanceRules) for (const q of r.questions) seen.set(q.code, q);
	const questions = [...seen.values()];
	return { year, regionId: federal ? null : own, federal, questions, ruleCount: data.significanceRules.length };
};

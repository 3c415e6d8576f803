import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const Practices = graphql(`
	query PracticesPage($text: String, $riskFactor: Int) {
		practices(text: $text, riskFactor: $riskFactor, first: 30) {
			total
			practices {
				id
				title
				result
				regionName
				schoolName
				riskFactor {
					number
					title
				}
			}
		}
		mine: practiceSubmissions(box: MINE) {
			id
			title
			status
			statusLabel
		}
		review: practiceSubmissions(box: REVIEW) {
			id
			title
			statusLabel
			schoolName
		}
	}
`);

/** The published bank (search by words and risk factor), the viewer's own submissions and its review queue. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:practices');
	const { viewer } = await event.parent();
	const p = event.url.searchParams;
	const text = p.get('q')?.trim().slice(0, 300) || null;
	const f = Number(p.get('factor'));
	const riskFactor = Number.isInteger(f) && f >= 1 && f <= 30 ? f : null;
	const data = await query(event, Practices, { text, riskFactor });
	const school = viewer.roles.find((r) => r.role === 'SCHOOL')?.school ?? null;
	return { ...data, filter: { text: text ?? '', factor: riskFactor ? String(riskFactor) : '' }, school };
};

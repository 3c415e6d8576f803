import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const Materials = graphql(`
	query MaterialsPage($text: String, $kind: MaterialKind, $riskFactor: Int, $offset: Int) {
		materials(text: $text, kind: $kind, riskFactor: $riskFactor, first: 20, offset: $offset) {
			total
			materials {
				id
				title
				kind
				kindLabel
				description
				year
				riskFactorNumbers
				updatedAt
				viewerCanAddVersion
				region {
					id
					name
				}
				versions {
					id
					number
					note
					url
					fileName
					fileSize
					downloadPath
					createdAt
				}
			}
		}
	}
`);

type Kind = 'METHODICAL' | 'NORMATIVE' | 'TEMPLATE' | 'WEBINAR_RECORDING' | 'PRESENTATION' | 'OTHER';
const KINDS: Kind[] = ['METHODICAL', 'NORMATIVE', 'TEMPLATE', 'WEBINAR_RECORDING', 'PRESENTATION', 'OTHER'];

/** The bank searched by words (Russian word forms), kind and risk factor; 20 a page. */
export const load: PageServerLoad = async (event) => {
	event.depends('medk:materials');
	const { viewer } = await event.parent();
	const p = event.url.searchParams;
	const text = p.get('q')?.trim().slice(0, 300) || null;
	const kindParam = p.get('kind');
	const kind = KINDS.includes(kindParam as Kind) ? (kindParam as Kind) : null;
	const factorParam = Number(p.get('factor'));
	const riskFactor = Number.isInteger(factorParam) && factorParam >= 1 && factorParam <= 30 ? factorParam : null;
	const page = Math.min(Math.max(Number(p.get('page')) || 1, 1), 500);
	const data = await query(event, Materials, { text, kind, riskFactor, offset: (page - 1) * 20 });
	const roles = new Set(viewer.roles.map((r) => r.role));
	const regional = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region ?? null;
	return {
		materials: data.materials,
		filter: { text: text ?? '', kind: kind ?? '', factor: riskFactor ? String(riskFactor) : '' },
		page,
		publisher: roles.has('FEDERAL_COORDINATOR')
			? { regionId: null, regionName: null }
			: regional
				? { regionId: regional.id, regionName: regional.name }
				: null
	};
};

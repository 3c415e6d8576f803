import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const RegistryPage = graphql(`
	query RegistryPage($regionId: ID, $hasRegion: Boolean!, $withRegions: Boolean!, $search: String) {
		region(id: $regionId) @include(if: $hasRegion) {
			id
			name
			code
			municipalities(first: 500) {
				totalCount
				edges {
					node {
						id
						name
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
		schools(filter: { regionId: $regionId, search: $search }, first: 50) @include(if: $hasRegion) {
			totalCount
			edges {
				node {
					id
					shortName
					inn
					canHostCurators
					municipality {
						name
					}
				}
			}
		}
	}
`);

/** The school registry of the viewer's region (federal: of a chosen region, or import for the whole country). */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? null;
	if (!federal && !own) redirect(303, '/');
	const param = event.url.searchParams.get('region');
	const regionId = federal ? (param && isGlobalIdOf(param, 'Region') ? param : null) : own;
	const search = searchArg(event.url);
	const data = await query(event, RegistryPage, { regionId, hasRegion: !!regionId, withRegions: federal, search });
	return {
		federal,
		regionId,
		search,
		region: data.region ?? null,
		regions: data.regions?.edges.map((e) => e.node) ?? [],
		municipalities: data.region?.municipalities.edges.map((e) => e.node) ?? [],
		schools: data.schools ? { total: data.schools.totalCount, rows: data.schools.edges.map((e) => e.node) } : null
	};
};

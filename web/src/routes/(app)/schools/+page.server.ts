import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { SchoolRowFields } from '$lib/components/territory/fragments.ts';
import type { ParticipationStatus } from '$lib/components/territory/participation.ts';
import { query } from '$lib/server/api.ts';
import { figuresBy } from '$lib/server/monitoring.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs, searchArg } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const SchoolsPage = graphql(
	`
		query SchoolsPage(
			$filter: SchoolFilter
			$first: Int
			$after: String
			$last: Int
			$before: String
			$regionId: ID
			$municipalityId: ID!
			$hasMunicipality: Boolean!
			$reportFilter: ReportFilter!
			$withMunicipalities: Boolean!
			$exportable: Boolean!
		) {
			regions(first: 100) {
				edges {
					node {
						id
						name
					}
				}
			}
			municipalities(regionId: $regionId, first: 500) @include(if: $withMunicipalities) {
				edges {
					node {
						id
						name
					}
				}
			}
			xlsx: reportExportUrl(report: MONITORING, format: XLSX, filter: $reportFilter, groupBy: [SCHOOL]) @include(if: $exportable)
			csv: reportExportUrl(report: MONITORING, format: CSV, filter: $reportFilter, groupBy: [SCHOOL]) @include(if: $exportable)
			schools(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...SchoolRowFields
					}
				}
			}
			region(id: $regionId) {
				id
				name
			}
			municipality: node(id: $municipalityId) @include(if: $hasMunicipality) {
				__typename
				... on Municipality {
					id
					name
				}
			}
		}
	`,
	[PageInfoFields, SchoolRowFields]
);

const STATUSES: ParticipationStatus[] = ['PARTICIPATING', 'LEFT_LOW_RESULTS', 'WITHDRAWN'];

/** All schools in the viewer's reach (a curator's: the schools it curates), with filters in the URL. */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { years } = await event.parent();
	const regionParam = url.searchParams.get('region');
	const municipalityParam = url.searchParams.get('municipality');
	const regionId = regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	const municipalityId = municipalityParam && isGlobalIdOf(municipalityParam, 'Municipality') ? municipalityParam : null;
	const yearParam = Number(url.searchParams.get('year'));
	const year = years.some((y) => y.year === yearParam) ? yearParam : null;
	const statusParam = url.searchParams.get('status') as ParticipationStatus | null;
	const status = statusParam && STATUSES.includes(statusParam) ? statusParam : null;
	const search = searchArg(url);

	const { viewer } = await event.parent();
	// A region's coordinator works inside one region: its municipalities are the choice, without asking.
	const ownRegion = viewer.region?.id ?? null;
	const listRegion = regionId ?? ownRegion;
	const exportYear = year ?? years[0]?.year ?? null;
	const data = await query(event, SchoolsPage, {
		filter: { search, regionId, municipalityId, programmeYear: year, participationStatus: status },
		regionId: listRegion,
		withMunicipalities: !!listRegion && viewer.role !== 'CURATOR' && viewer.role !== 'SCHOOL',
		// The export is the monitoring report by school over the same territory, year and participation.
		exportable: exportYear != null && viewer.role !== 'CURATOR' && viewer.role !== 'SCHOOL',
		reportFilter: {
			year: exportYear,
			regionIds: regionId ? [regionId] : null,
			municipalityIds: municipalityId ? [municipalityId] : null,
			participationStatuses: status ? [status] : null
		},
		municipalityId: municipalityId ?? '',
		hasMunicipality: !!municipalityId,
		...pageArgs(url)
	});
	const municipality = data.municipality?.__typename === 'Municipality' ? data.municipality : null;
	const shownYear = year ?? years[0]?.year ?? null;
	const rows = data.schools.edges.map((e) => e.node);
	const figures = await figuresBy(
		event,
		'SCHOOL',
		rows.map((s) => s.id),
		shownYear
	);
	return {
		filters: { search, year, status, region: regionId ? (data.region ?? null) : null, municipality },
		regions: data.regions.edges.map((e) => e.node),
		municipalities: data.municipalities?.edges.map((e) => e.node) ?? [],
		exports: data.xlsx ? { xlsx: data.xlsx, csv: data.csv ?? null, year: exportYear } : null,
		/** The year whose participation the table shows: the filtered one, or the current one. */
		shownYear,
		schools: {
			totalCount: data.schools.totalCount,
			pageInfo: data.schools.pageInfo,
			rows: rows.map((s) => ({ ...s, figures: figures.get(s.id) ?? null }))
		}
	};
};

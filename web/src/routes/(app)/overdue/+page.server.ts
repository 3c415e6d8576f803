import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';
import { query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs } from '$lib/pagination.ts';
import type { PageServerLoad } from './$types';

const OverduePage = graphql(
	`
		query OverduePage(
			$filter: ReportFilter!
			$year: Int!
			$dFirst: Int
			$dAfter: String
			$dLast: Int
			$dBefore: String
			$mFirst: Int
			$mAfter: String
			$mLast: Int
			$mBefore: String
			$rFirst: Int
			$rAfter: String
			$rLast: Int
			$rBefore: String
			$regionId: ID
			$withRegions: Boolean!
			$withMunicipalities: Boolean!
		) {
			documents: reportDocumentList(filter: $filter, orderBy: { field: GROUP }, first: $dFirst, after: $dAfter, last: $dLast, before: $dBefore) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						school {
							id
							shortName
							municipality {
								name
							}
						}
						kind
						riskFactorNumber
						state
						deadline
						documentId
					}
				}
			}
			measures: reportMeasureList(filter: $filter, orderBy: { field: DUE_DATE }, first: $mFirst, after: $mAfter, last: $mLast, before: $mBefore) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						measureId
						school {
							id
							shortName
							municipality {
								name
							}
						}
						position
						title
						dueDate
						status
						indicatorName
					}
				}
			}
			roadmaps: reportRoadmapList(filter: $filter, first: $rFirst, after: $rAfter, last: $rLast, before: $rBefore) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						school {
							id
							shortName
							municipality {
								name
							}
						}
						status
						deadline
					}
				}
			}
			documentsXlsx: reportExportUrl(report: DOCUMENT_LIST, format: XLSX, filter: $filter)
			measuresXlsx: reportExportUrl(report: MEASURE_LIST, format: XLSX, filter: $filter, orderBy: { field: "DUE_DATE" })
			regions(participatingIn: $year, first: 100) @include(if: $withRegions) {
				edges {
					node {
						id
						name
					}
				}
			}
			municipalities(regionId: $regionId, first: 200) @include(if: $withMunicipalities) {
				totalCount
				edges {
					node {
						id
						name
						region {
							id
						}
					}
				}
			}
		}
	`,
	[PageInfoFields]
);

const PAGE = 25;

/**
 * What is overdue in the viewer's reach this year — owed documents past their deadline, school roadmaps
 * past the year's roadmap deadline and roadmap measures past their due date — narrowed to a region or a municipality from the URL.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { years, viewer } = await event.parent();
	const year = years[0]?.year ?? new Date().getFullYear();
	const regionParam = url.searchParams.get('region');
	const municipalityParam = url.searchParams.get('municipality');
	const municipalityId = municipalityParam && isGlobalIdOf(municipalityParam, 'Municipality') ? municipalityParam : null;
	// A regional coordinator's (or observer's) list is its region's: the municipality choice is within it.
	const ownRegion = viewer.roles.find((r) => r.region)?.region?.id ?? null;
	const regionId = regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const ownMunicipality = !federal && !ownRegion ? (viewer.roles.find((r) => r.municipality)?.municipality ?? null) : null;

	const filter = {
		year,
		overdueOnly: true,
		regionIds: regionId ? [regionId] : null,
		municipalityIds: municipalityId ? [municipalityId] : null
	};
	// A municipal coordinator has one municipality, and the whole country's are too many to offer.
	const withMunicipalities = !ownMunicipality && !(federal && !regionId);
	const d = pageArgs(url, 'd_', PAGE);
	const m = pageArgs(url, 'm_', PAGE);
	const r = pageArgs(url, 'r_', PAGE);
	const data = await query(event, OverduePage, {
		filter,
		year,
		dFirst: d.first,
		dAfter: d.after,
		dLast: d.last,
		dBefore: d.before,
		mFirst: m.first,
		mAfter: m.after,
		mLast: m.last,
		mBefore: m.before,
		rFirst: r.first,
		rAfter: r.after,
		rLast: r.last,
		rBefore: r.before,
		regionId: regionId ?? ownRegion,
		withRegions: federal,
		withMunicipalities
	});
	return {
		year,
		yearTitle: years[0]?.title ?? String(year),
		conceptDocumentsDue: years[0]?.conceptDocumentsDue ?? null,
		filters: { regionId, municipalityId },
		regions: data.regions?.edges.map((e) => e.node) ?? [],
		municipalities: data.municipalities?.edges.map((e) => e.node) ?? [],
		documents: {
			totalCount: data.documents.totalCount,
			pageInfo: data.documents.pageInfo,
			rows: data.documents.edges.map((e) => e.node),
			xlsx: data.documentsXlsx
		},
		roadmapDue: years[0]?.roadmapDue ?? null,
		roadmaps: {
			totalCount: data.roadmaps.totalCount,
			pageInfo: data.roadmaps.pageInfo,
			rows: data.roadmaps.edges.map((e) => e.node)
		},
		measures: {
			totalCount: data.measures.totalCount,
			pageInfo: data.measures.pageInfo,
			rows: data.measures.edges.map((e) => e.node),
			xlsx: data.measuresXlsx
		}
	};
};

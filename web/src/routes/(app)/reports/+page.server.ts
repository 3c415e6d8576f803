import { graphql } from '$lib/graphql/graphql.ts';
import { execute, query } from '$lib/server/api.ts';
import { isGlobalIdOf } from '$lib/ids.ts';
import { pageArgs } from '$lib/pagination.ts';
import {
	FIGURES,
	GROUPINGS,
	PARTICIPATION_STATUSES,
	REPORT_KINDS,
	orderValue,
	type Grouping,
	type ParticipationStatus,
	type ReportKind
} from '$lib/components/report/figures.ts';
import { DocumentsReport, MeasuresReport, MonitoringReport, RisksReport } from './queries.ts';
import type { PageServerLoad } from './$types';

const Choices = graphql(`
	query ReportChoices($year: Int!, $regionId: ID, $withRegions: Boolean!, $withMunicipalities: Boolean!) {
		regions(participatingIn: $year, first: 100) @include(if: $withRegions) {
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
		riskFactors(year: $year) {
			number
			title
		}
	}
`);

const PAGE = 50;
type Row = Record<string, unknown> & {
	groupName: string;
	year: number;
	region: { id: string; code: number; name: string } | null;
	municipality: { id: string; name: string } | null;
	school: { id: string; shortName: string } | null;
	curator: { id: string; fullName: string; organisationName: string | null } | null;
	factorNumber?: number;
	factorTitle?: string;
};

/** A figure's value in a row by its path (`documents.owed`). */
const valueAt = (row: Record<string, unknown>, key: string): unknown =>
	key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);

/**
 * The report builder: everything it asks is in the URL (report, grouping, figures, filters, sort, page),
 * so a report can be bookmarked or sent to a colleague — who sees it with their own access.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { years, viewer } = await event.parent();
	const p = url.searchParams;

	const kind = (REPORT_KINDS.find((k) => k.value === p.get('report'))?.value ?? 'MONITORING') as ReportKind;
	const wide = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const defaultGroup: Grouping = wide ? 'REGION' : viewer.roles.some((r) => r.region) ? 'MUNICIPALITY' : 'SCHOOL';
	const groupBy = (GROUPINGS.find((g) => g.value === p.get('group'))?.value ?? defaultGroup) as Grouping;
	const defs = FIGURES[kind];
	const asked = p.getAll('f').filter((k) => defs.some((d) => d.key === k));
	const figures = asked.length ? defs.filter((d) => asked.includes(d.key)) : defs.filter((d) => d.initial);

	const yearParam = Number(p.get('year'));
	const year = years.some((y) => y.year === yearParam) ? yearParam : (years[0]?.year ?? new Date().getFullYear());
	const compareParam = Number(p.get('compare'));
	const compare = compareParam !== year && years.some((y) => y.year === compareParam) ? compareParam : null;

	const regionParam = p.get('region');
	const regionId = wide && regionParam && isGlobalIdOf(regionParam, 'Region') ? regionParam : null;
	const municipalityParam = p.get('municipality');
	const municipalityId = municipalityParam && isGlobalIdOf(municipalityParam, 'Municipality') ? municipalityParam : null;
	const statuses = p.getAll('status').filter((s): s is ParticipationStatus => PARTICIPATION_STATUSES.some((x) => x.value === s));
	const risks = p
		.getAll('risk')
		.map(Number)
		.filter((n) => Number.isInteger(n) && n > 0);

	const sortParam = p.get('sort');
	const sort = sortParam && defs.some((d) => d.key === sortParam) ? sortParam : null;
	const desc = p.get('dir') !== 'asc';

	const filter = {
		...(compare ? { years: [compare, year].sort() } : { year }),
		regionIds: regionId ? [regionId] : null,
		municipalityIds: municipalityId ? [municipalityId] : null,
		participationStatuses: statuses.length ? statuses : null,
		riskFactorNumbers: risks.length ? risks : null
	};
	const order = sort ? { field: orderValue(sort), direction: desc ? ('DESC' as const) : ('ASC' as const) } : null;
	const variables = {
		filter,
		groupBy,
		...pageArgs(url, '', PAGE),
		exportGroups: [groupBy],
		exportOrder: order,
		// «Как на экране»: the figures shown, in their order, under the screen's labels.
		exportColumns: figures.map((d) => ({ figure: d.key, label: d.label }))
	};

	const ownRegion = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR' || (r.role === 'OBSERVER' && r.region))?.region?.id;
	const choicesRegion = regionId ?? ownRegion ?? null;
	const [result, choices] = await Promise.all([
		kind === 'MONITORING'
			? query(event, MonitoringReport, { ...variables, orderBy: order as never })
			: kind === 'DOCUMENTS'
				? query(event, DocumentsReport, { ...variables, orderBy: order as never })
				: kind === 'MEASURES'
					? query(event, MeasuresReport, { ...variables, orderBy: order as never })
					: query(event, RisksReport, { ...variables, orderBy: order as never }),
		execute(event, Choices, {
			year,
			regionId: choicesRegion,
			withRegions: wide,
			withMunicipalities: !!choicesRegion
		})
	]);

	const rows = (result.report.edges as { node: Row }[]).map(({ node }) => ({
		group: {
			name: node.groupName,
			year: node.year,
			region: node.region,
			municipality: node.municipality,
			school: node.school,
			curator: node.curator,
			factor: node.factorNumber != null ? { number: node.factorNumber, title: node.factorTitle ?? '' } : null
		},
		values: Object.fromEntries(figures.map((d) => [d.key, valueAt(node, d.key) as number | string | null]))
	}));

	return {
		request: { kind, groupBy, figures: figures.map((d) => d.key), year, compare, regionId, municipalityId, statuses, risks, sort, desc },
		figures,
		choices: {
			regions: choices.data?.regions?.edges.map((e) => e.node) ?? [],
			municipalities: choices.data?.municipalities?.edges.map((e) => e.node) ?? [],
			riskFactors: choices.data?.riskFactors ?? []
		},
		report: {
			totalCount: result.report.totalCount,
			pageInfo: result.report.pageInfo,
			rows,
			xlsx: result.xlsx,
			csv: result.csv,
			xlsxScreen: result.xlsxScreen,
			csvScreen: result.csvScreen
		}
	};
};

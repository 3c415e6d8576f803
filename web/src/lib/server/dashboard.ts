/**
 * A territory's dashboard in one request: this year's monitoring figures group by group (regions of the
 * country, municipalities of a region or schools of a municipality), the risk factors its schools chose,
 * and the links to download the same figures as Excel and CSV.
 */
import type { RequestEvent } from '@sveltejs/kit';
import {
	DashboardQuery,
	type Dashboard,
	type DashboardGroup,
	type DashboardNode,
	type Level,
	type RiskRow
} from '$lib/components/dashboard/query.ts';
import { execute } from './api.ts';

const EXPORT_GROUPS: Record<Level, Level[]> = {
	REGION: ['REGION', 'MUNICIPALITY', 'SCHOOL'],
	MUNICIPALITY: ['MUNICIPALITY', 'SCHOOL'],
	SCHOOL: ['SCHOOL']
};

function place(level: Level, n: DashboardNode): { id: string; href: string } | null {
	if (level === 'REGION') return n.region ? { id: n.region.id, href: `/regions/${n.region.id}` } : null;
	if (level === 'MUNICIPALITY') {
		return n.municipality ? { id: n.municipality.id, href: `/municipalities/${n.municipality.id}` } : null;
	}
	return n.school ? { id: n.school.id, href: `/schools/${n.school.id}` } : null;
}

/**
 * One row per factor number. A year's number covers every programme the viewer sees («500+ 2026» and
 * «62+ 2026» each have their own list with the same factors), so the same factor may come once per
 * programme: the counts add up and the share is taken again over the sum.
 */
function byFactorNumber(rows: RiskRow[]): RiskRow[] {
	const out = new Map<number, RiskRow>();
	for (const r of rows) {
		const seen = out.get(r.factorNumber);
		if (!seen) {
			out.set(r.factorNumber, { ...r });
			continue;
		}
		const profiles = seen.profiles + r.profiles;
		const chosen = seen.chosen + r.chosen;
		out.set(r.factorNumber, {
			...seen,
			profiles,
			high: seen.high + r.high,
			medium: seen.medium + r.medium,
			low: seen.low + r.low,
			chosen,
			chosenShare: profiles ? chosen / profiles : null
		});
	}
	return [...out.values()];
}

/**
 * The dashboard of `year` with one group per `level`, narrowed by `filter` (a region's or a
 * municipality's ids). Null when there is no year, or when the reports cannot be read: the page then
 * shows its tables without charts.
 */
export async function dashboard(
	event: Pick<RequestEvent, 'fetch' | 'url'>,
	year: number | null,
	level: Level,
	filter: { regionIds?: string[]; municipalityIds?: string[] } = {}
): Promise<Dashboard | null> {
	if (year == null) return null;
	const { data, error } = await execute(event, DashboardQuery, {
		filter: { year, ...filter },
		groupBy: level,
		exportGroups: EXPORT_GROUPS[level]
	});
	if (error) console.error('dashboard unavailable:', error.message);
	if (!data) return null;
	const groups: DashboardGroup[] = [];
	for (const { node } of data.groups.edges) {
		const p = place(level, node);
		if (p) groups.push({ ...node, ...p });
	}
	return {
		year,
		level,
		groups,
		risks: byFactorNumber(data.risks.edges.map((e) => e.node)).filter((r) => r.profiles > 0),
		exports: { xlsx: data.xlsx, csv: data.csv }
	};
}

/** The municipal roadmaps' figures for a dashboard (federal, a region, a municipality), in one request. */
import type { RequestEvent } from '@sveltejs/kit';
import { MunicipalRoadmapFiguresQuery as Figures, type MunicipalFigures } from '$lib/components/roadmap/municipal.ts';
import { execute } from './api.ts';

/**
 * The figures of `year` over the viewer's reach narrowed by `filter`. An addition to a dashboard: null
 * when there is no year or the figures cannot be read, and the page shows without them.
 */
export async function municipalRoadmapFigures(
	event: Pick<RequestEvent, 'fetch' | 'url'>,
	year: number | null,
	filter: { regionIds?: string[]; municipalityIds?: string[] } = {}
): Promise<MunicipalFigures | null> {
	if (year == null) return null;
	const { data, error } = await execute(event, Figures, { filter: { year, ...filter } });
	if (error) console.error('municipal roadmap figures unavailable:', error.message);
	return data?.reportMunicipalRoadmaps ?? null;
}

import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Bulk onboarding of a year's participants: regional coordinators (and the federal one). */
export const load: PageServerLoad = async (event) => {
	const { viewer, years } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? null;
	if (!federal && !own) redirect(303, '/');
	const yearParam = Number(event.url.searchParams.get('year'));
	const year = years.some((y) => y.year === yearParam) ? yearParam : (years[0]?.year ?? new Date().getFullYear());
	return { year, regionId: own };
};

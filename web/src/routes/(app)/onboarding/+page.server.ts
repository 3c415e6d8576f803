import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pickYear, yearPhrase, yearValue } from '$lib/programme-year.ts';

/** Bulk onboarding of a year's participants: regional coordinators (and the federal one). */
export const load: PageServerLoad = async (event) => {
	const { viewer, years } = await event.parent();
	const federal = viewer.roles.some((r) => r.role === 'FEDERAL_COORDINATOR');
	const own = viewer.roles.find((r) => r.role === 'REGIONAL_COORDINATOR')?.region?.id ?? null;
	if (!federal && !own) redirect(303, '/');
	const picked = pickYear(years, event.url.searchParams.get('year'));
	const year = picked?.year ?? new Date().getFullYear();
	return {
		year,
		yearValue: picked ? yearValue(picked) : String(year),
		yearPhrase: picked ? yearPhrase(picked) : `${year} года`,
		programmeId: picked && !picked.programme.isFederal ? picked.programme.id : null,
		regionId: own
	};
};

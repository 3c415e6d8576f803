/** Which programme year a school's page shows: `?year=` when the school took part that year, else the current one. */
export function pickParticipation<P extends { programmeYear: { year: number } }>(
	participations: readonly P[],
	url: URL,
	currentYear: number | null | undefined
): P | null {
	const asked = Number(url.searchParams.get('year'));
	return (
		participations.find((p) => p.programmeYear.year === asked) ??
		participations.find((p) => p.programmeYear.year === currentYear) ??
		// Newest first (as the API lists them): the latest year the school took part in.
		participations[0] ??
		null
	);
}

/** «500+ 2026» kept on one line (no orphan «2026» on a phone). */
export const nbsp = (s: string): string => s.replace(/ /g, '\u00a0');

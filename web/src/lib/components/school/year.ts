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

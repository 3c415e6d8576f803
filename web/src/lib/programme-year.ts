/**
 * Programme years in pickers and links. «500+ 2026» and «62+ 2026» share a number, so a year of a
 * region's programme is named by its id; a year of the federal «500+» keeps its number, so the links
 * people already have (`?year=2026`) still open the same page.
 */
export interface YearRef {
	id: string;
	year: number;
	title: string;
	programme: { id: string; isFederal: boolean };
}

/** The picker value (and `?year=`) of a year. */
export const yearValue = (y: YearRef): string => (y.programme.isFederal ? String(y.year) : y.id);

/** The year `?year=` names (a number: «500+» of that year; an id: that year), else the first (current) one. */
export function pickYear<Y extends YearRef>(years: readonly Y[], param: string | null): Y | null {
	if (param) {
		const byId = years.find((y) => y.id === param);
		if (byId) return byId;
		const n = Number(param);
		const federal = years.find((y) => y.year === n && y.programme.isFederal);
		if (federal) return federal;
	}
	return years[0] ?? null;
}

/** «2026 года» for «500+», ««62+ 2026»» for a region's programme: how page titles name the year. */
export const yearPhrase = (y: YearRef): string => (y.programme.isFederal ? `${y.year} года` : `«${y.title}»`);

/**
 * The «500+» years only: for pickers whose figures are counted by the year's number (reports, the
 * scoring of regions, the school list's filter), where «62+ 2026» would name the same figures twice.
 */
export const federalYears = <Y extends YearRef>(years: readonly Y[]): Y[] => years.filter((y) => y.programme.isFederal);

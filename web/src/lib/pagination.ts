/** Relay cursor arguments from the URL: `?after=` pages forward, `?before=` back. */

export const PAGE_SIZE = 20;

export interface PageArgs {
	first: number | null;
	after: string | null;
	last: number | null;
	before: string | null;
}

/** `prefix` namespaces the parameters when a page holds more than one list. */
export function pageArgs(url: URL, prefix = '', size = PAGE_SIZE): PageArgs {
	const before = url.searchParams.get(`${prefix}before`);
	const after = url.searchParams.get(`${prefix}after`);
	if (before) return { first: null, after: null, last: size, before };
	return { first: size, after: after || null, last: null, before: null };
}

/** The search text of `?q=` (trimmed; null when empty). */
export function searchArg(url: URL, name = 'q'): string | null {
	const q = url.searchParams.get(name)?.trim();
	return q ? q.slice(0, 200) : null;
}

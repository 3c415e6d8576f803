/**
 * What a page shows after one of its forms was submitted: SvelteKit's `form` prop holds the last action's
 * result — a success `{ form, ok: true, message }` or a failure `{ form, message, fields, values }` (see
 * $lib/server/actions.ts). A page with several forms asks for its form by name.
 */
export interface FormState {
	/** The API's refusal in its own words, or null. */
	error: string | null;
	/** The confirmation of a successful action, or null. */
	success: string | null;
	/** The message for one input, by its field name. */
	field(name: string): string | null;
	/** What the user typed into `name` before a failure, else `fallback`. */
	value(name: string, fallback: string): string;
	/** Anything else the action returned (e.g. an invitation link). */
	extra: Record<string, unknown>;
}

type Result = {
	form?: string;
	ok?: boolean;
	message?: string;
	fields?: Record<string, string>;
	values?: Record<string, string>;
	[k: string]: unknown;
};

export function formState(form: unknown, name: string): FormState {
	const r = (form && typeof form === 'object' ? form : {}) as Result;
	const mine = r.form === name;
	const failed = mine && !r.ok;
	return {
		error: failed ? (r.message ?? 'Не получилось. Попробуйте ещё раз.') : null,
		success: mine && r.ok ? (r.message ?? null) : null,
		field: (f) => (failed ? (r.fields?.[f] ?? null) : null),
		value: (f, fallback) => (failed ? (r.values?.[f] ?? fallback) : fallback),
		extra: mine ? r : {}
	};
}

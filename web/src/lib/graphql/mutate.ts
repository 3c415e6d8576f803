/**
 * Mutations from the browser, with the API's refusals turned into one shape the forms show verbatim:
 * typed results (`DomainError`, `MeasureInvalidError`, `RoadmapImportError` — anything implementing
 * `Error`) and top-level GraphQL errors (FORBIDDEN, BAD_USER_INPUT with zod issues, FILE_TOO_LARGE).
 */
import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core';

/** One thing wrong with one field (`field` is the input's field name, e.g. `dueDate`), or with a row. */
export interface Problem {
	field: string | null;
	row?: number | null;
	message: string;
}

/** Why the API did not do what was asked, in its own Russian words. */
export interface Failure {
	message: string;
	code?: string;
	problems: Problem[];
}

export const NETWORK_FAILURE = 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.';

type Issue = { path?: (string | number)[]; message?: string };

/** What the user reads when the API's own words are not Russian (graphql-js, yoga's masked errors). */
const FALLBACK_BY_CODE: Record<string, string> = {
	UNAUTHENTICATED: 'Сессия закончилась. Войдите снова.',
	FORBIDDEN: 'Нет доступа к этому действию.',
	NOT_FOUND: 'Не найдено: возможно, запись уже удалена.',
	FILE_TOO_LARGE: 'Файл слишком большой.',
	BAD_USER_INPUT: 'Проверьте введённые данные.',
	GRAPHQL_VALIDATION_FAILED: 'Запрос устарел: обновите страницу и попробуйте ещё раз.',
	PERSISTED_QUERY_NOT_FOUND: 'Запрос устарел: обновите страницу и попробуйте ещё раз.'
};
export const GENERIC_FAILURE = 'Не удалось выполнить действие. Попробуйте ещё раз.';

/** Whether a message is written for people (in Russian) rather than a library's English diagnostics. */
const isRussian = (message: string) => /[А-Яа-яЁё]/.test(message);

/** The message to show for one GraphQL error: its own when Russian, else one in Russian by its code. */
function russianMessage(message: string | undefined, code: string | undefined): string {
	if (message && isRussian(message)) return message;
	return (code && FALLBACK_BY_CODE[code]) || GENERIC_FAILURE;
}

/**
 * A GraphQL error response (top-level `errors`) as a Failure. The one parser of the web app: browser
 * forms (runMutation, uploads) and form actions (lib/server/actions.ts) both read errors through it, so
 * the user always gets the API's Russian words, never graphql-js's English.
 */
export function failureOfErrors(errors: readonly { message: string; extensions?: Record<string, unknown> }[]): Failure {
	const first = errors[0];
	const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
	const issues = Array.isArray(first?.extensions?.issues) ? (first.extensions.issues as Issue[]) : [];
	const problems: Problem[] = issues
		.filter((i) => typeof i.message === 'string')
		.map((i) => ({ field: fieldOf(i.path), message: isRussian(i.message!) ? i.message! : 'Неверное значение.' }));
	let message = first?.message;
	// A variable the API's scalar refused (a number typed as «12,5,0»): graphql-js wraps the scalar's
	// Russian message in English — keep the Russian part and point at the field.
	const wrapped = message ? /^Variable "\$\w+" got invalid value .*? at "([^"]+)"; (.+)$/s.exec(message) : null;
	if (wrapped && isRussian(wrapped[2])) {
		message = wrapped[2];
		problems.push({ field: wrapped[1].split('.').at(-1) ?? null, message });
	}
	return { message: russianMessage(message, code), code, problems };
}

/** urql's error of a request as a Failure. */
export function failureOfCombined(error: CombinedError): Failure {
	if (error.graphQLErrors.length) return failureOfErrors(error.graphQLErrors);
	return { message: NETWORK_FAILURE, code: 'NETWORK', problems: [] };
}

/** The last named segment of an issue path (`["input", "title"]` → `title`). */
function fieldOf(path: Issue['path']): string | null {
	const names = (path ?? []).filter((p): p is string => typeof p === 'string' && p !== 'input');
	return names.at(-1) ?? null;
}

/**
 * The typed error inside a mutation's payload, if that is what came back: the payload field is a union
 * of `…Success` and error types; an error type carries `message` (select `...ErrorFields` from `fragments/error.ts`).
 */
export function failureOfPayload(data: unknown): Failure | null {
	if (!data || typeof data !== 'object') return null;
	for (const value of Object.values(data)) {
		if (!value || typeof value !== 'object') continue;
		const v = value as { message?: unknown; code?: unknown; problems?: unknown };
		// A success payload carries `data`; an error type never does.
		if (typeof v.message !== 'string' || 'data' in v) continue;
		const code = typeof v.code === 'string' ? v.code : undefined;
		const problems = Array.isArray(v.problems)
			? (v.problems as { field?: string; row?: number | null; message: string }[]).map((p) => ({
					field: p.field ?? null,
					row: p.row ?? null,
					message: p.message
				}))
			: [];
		return { message: russianMessage(v.message, code), code, problems };
	}
	return null;
}

/**
 * Runs a mutation; `failure` is set when the API refused (typed result or GraphQL error) or could not be
 * reached. On success `data` holds the payload.
 */
export async function runMutation<R, V extends AnyVariables>(
	client: Client,
	document: TypedDocumentNode<R, V>,
	variables: V
): Promise<{ data: R | undefined; failure: Failure | null }> {
	const result = await client.mutation(document, variables, { requestPolicy: 'network-only' }).toPromise();
	if (result.error) return { data: result.data, failure: failureOfCombined(result.error) };
	return { data: result.data, failure: failureOfPayload(result.data) };
}

/** The message of a field's problems, joined (for a field's error line). */
export function fieldError(failure: Failure | null, field: string): string | null {
	const messages = failure?.problems.filter((p) => p.field === field).map((p) => p.message) ?? [];
	return messages.length ? messages.join('; ') : null;
}

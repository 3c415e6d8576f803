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

/** A GraphQL error response (top-level `errors`) as a Failure. */
export function failureOfErrors(
	errors: readonly { message: string; extensions?: Record<string, unknown> }[]
): Failure {
	const first = errors[0];
	const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
	const issues = Array.isArray(first?.extensions?.issues) ? (first.extensions.issues as Issue[]) : [];
	const problems: Problem[] = issues
		.filter((i) => typeof i.message === 'string')
		.map((i) => ({ field: fieldOf(i.path), message: i.message! }));
	let message = first?.message ?? 'Не удалось выполнить действие. Попробуйте ещё раз.';
	// A variable the API's scalar refused (a number typed as «12,5,0»): graphql-js wraps the scalar's
	// Russian message in English — keep the Russian part and point at the field.
	const wrapped = /^Variable "\$\w+" got invalid value .*? at "([^"]+)"; (.+)$/s.exec(message);
	if (wrapped) {
		message = wrapped[2];
		problems.push({ field: wrapped[1].split('.').at(-1) ?? null, message });
	}
	return { message, code, problems };
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
 * of `…Success` and error types; an error type carries `message` (select `... on Error { message code }`).
 */
export function failureOfPayload(data: unknown): Failure | null {
	if (!data || typeof data !== 'object') return null;
	for (const value of Object.values(data)) {
		if (!value || typeof value !== 'object') continue;
		const v = value as { message?: unknown; code?: unknown; problems?: unknown };
		if (typeof v.message !== 'string') continue;
		const problems = Array.isArray(v.problems)
			? (v.problems as { field?: string; row?: number | null; message: string }[]).map((p) => ({
					field: p.field ?? null,
					row: p.row ?? null,
					message: p.message
				}))
			: [];
		return { message: v.message, code: typeof v.code === 'string' ? v.code : undefined, problems };
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

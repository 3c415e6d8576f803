/**
 * Mutations from form actions: the API's answer becomes either the payload or a failure in the API's own
 * Russian words — a typed error result (`DomainError` and the like), or top-level GraphQL errors
 * (FORBIDDEN, BAD_USER_INPUT with one message per input field).
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { execute } from './api.ts';

export interface FormFailure {
	/** Which form on the page failed (pages hold several). */
	form: string;
	message: string;
	/** Messages for single inputs, by the input's field name (`email`, `threshold`). */
	fields: Record<string, string>;
	/** What the user typed, to put back into the form. */
	values?: Record<string, string>;
}

type Issue = { path?: (string | number)[]; message?: string };

const isError = (v: unknown): v is { __typename?: string; message: string; code?: string } =>
	typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string' &&
	!('data' in v);

/**
 * Runs `document` and returns what `pick` takes from its data (the mutation's field), or an
 * `ActionFailure` to return from the action as it is.
 */
export async function mutate<R, V extends AnyVariables, P>(
	event: Pick<RequestEvent, 'fetch' | 'url'>,
	document: TypedDocumentNode<R, V>,
	variables: V,
	pick: (data: R) => P,
	form: string,
	values?: Record<string, string>
): Promise<{ ok: true; value: Exclude<P, { message: string }> } | { ok: false; failure: ActionFailure<FormFailure> }> {
	const { data, error } = await execute(event, document, variables, 'mutation');
	const failure = (message: string, fields: Record<string, string> = {}) => ({
		ok: false as const,
		failure: fail(400, { form, message, fields, values })
	});
	if (error) {
		const first = error.graphQLErrors[0];
		if (!first) return failure('Сервер не ответил. Попробуйте ещё раз через минуту.');
		const issues = Array.isArray(first.extensions?.issues) ? (first.extensions.issues as Issue[]) : [];
		const fields: Record<string, string> = {};
		for (const i of issues) {
			const name = i.path?.at(-1);
			if (typeof name === 'string' && i.message && !fields[name]) fields[name] = i.message;
		}
		return failure(first.message, fields);
	}
	if (!data) return failure('Сервер не ответил. Попробуйте ещё раз через минуту.');
	const value = pick(data);
	if (isError(value)) return failure(value.message);
	return { ok: true, value: value as Exclude<P, { message: string }> };
}

/** A text field of a submitted form, trimmed ('' when absent). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

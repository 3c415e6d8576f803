/**
 * Mutations from form actions: the API's answer becomes either the payload or a failure in the API's own
 * Russian words — a typed error result (`DomainError` and the like), or top-level GraphQL errors
 * (FORBIDDEN, BAD_USER_INPUT with one message per input field). Errors are read by the same parser as
 * the browser's forms (`$lib/graphql/mutate.ts`), so both show the same Russian message.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { failureOfCombined, failureOfPayload, type Failure } from '$lib/graphql/mutate.ts';
import { execute } from './api.ts';

const NO_ANSWER = 'Сервер не ответил. Попробуйте ещё раз через минуту.';

export interface FormFailure {
	/** Which form on the page failed (pages hold several). */
	form: string;
	message: string;
	/** Messages for single inputs, by the input's field name (`email`, `threshold`). */
	fields: Record<string, string>;
	/** What the user typed, to put back into the form. */
	values?: Record<string, string>;
}

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
	const refused = (f: Failure) => {
		// One message per input, the first one the API gave for it (the form shows one line per field).
		const fields: Record<string, string> = {};
		for (const p of f.problems) if (p.field && !fields[p.field]) fields[p.field] = p.message;
		return { ok: false as const, failure: fail(400, { form, message: f.message, fields, values }) };
	};
	if (error) return refused(failureOfCombined(error));
	if (!data) return refused({ message: NO_ANSWER, problems: [] });
	const value = pick(data);
	const typed = failureOfPayload({ value });
	if (typed) return refused(typed);
	return { ok: true, value: value as Exclude<P, { message: string }> };
}

/** A text field of a submitted form, trimmed ('' when absent). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

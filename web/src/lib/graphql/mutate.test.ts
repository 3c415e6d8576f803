import { describe, expect, it } from 'vitest';
import { CombinedError } from '@urql/core';
import { failureOfCombined, failureOfErrors, failureOfPayload, GENERIC_FAILURE } from './mutate.ts';

describe('the web reads every API refusal into one Russian failure', () => {
	it("keeps the Russian part of graphql-js's English wrapper and points at the field", () => {
		const f = failureOfErrors([
			{
				message: 'Variable "$input" got invalid value "12,5,0" at "input.target"; Введите число, например 12,5.',
				extensions: { code: 'BAD_USER_INPUT' }
			}
		]);
		expect(f).toEqual({
			message: 'Введите число, например 12,5.',
			code: 'BAD_USER_INPUT',
			problems: [{ field: 'target', message: 'Введите число, например 12,5.' }]
		});
	});

	it("never shows graphql-js's or yoga's English text", () => {
		expect(failureOfErrors([{ message: 'Unexpected error.' }]).message).toBe(GENERIC_FAILURE);
		expect(failureOfErrors([{ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]).message).toBe(
			'Запрос устарел: обновите страницу и попробуйте ещё раз.'
		);
		expect(failureOfErrors([{ message: 'Not authorized', extensions: { code: 'FORBIDDEN' } }]).message).toBe('Нет доступа к этому действию.');
		expect(
			failureOfErrors([{ message: 'x', extensions: { code: 'BAD_USER_INPUT', issues: [{ path: ['input', 'title'], message: 'Too small' }] } }])
				.problems
		).toEqual([{ field: 'title', message: 'Неверное значение.' }]);
	});

	it("keeps the API's Russian message and its field issues", () => {
		const f = failureOfErrors([
			{
				message: 'Проверьте поля формы',
				extensions: { code: 'BAD_USER_INPUT', issues: [{ path: ['input', 'title'], message: 'Введите название' }] }
			}
		]);
		expect(f).toEqual({
			message: 'Проверьте поля формы',
			code: 'BAD_USER_INPUT',
			problems: [{ field: 'title', message: 'Введите название' }]
		});
	});

	it('reads a typed error result and passes a success payload by', () => {
		expect(failureOfPayload({ x: { __typename: 'DomainError', message: 'Срок прошёл', code: 'DEADLINE_PASSED' } })).toEqual({
			message: 'Срок прошёл',
			code: 'DEADLINE_PASSED',
			problems: []
		});
		expect(failureOfPayload({ x: { __typename: 'MutationXSuccess', data: { message: 'текст письма' } } })).toBeNull();
		expect(failureOfPayload({ x: { __typename: 'MutationXSuccess', data: { id: '1' }, message: 'x' } })).toBeNull();
	});

	it('says the server could not be reached when no GraphQL error came back', () => {
		const f = failureOfCombined(new CombinedError({ networkError: new Error('fetch failed') }));
		expect(f.code).toBe('NETWORK');
		expect(f.message).toMatch(/Нет связи с сервером/);
	});
});

import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { execute } from '$lib/server/api.ts';
import type { Actions } from './$types';

const RequestPasswordReset = graphql(`
	mutation RequestPasswordReset($email: String!) {
		requestPasswordReset(email: $email) {
			__typename
			... on DomainError {
				code
				message
			}
		}
	}
`);

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		if (!email) return fail(400, { email, fieldError: 'Введите e-mail' });
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
			return fail(400, { email, fieldError: 'Введите e-mail полностью, например ivanova@school.ru' });
		}
		const { data, code, error } = await execute(event, RequestPasswordReset, { email }, 'mutation');
		const result = data?.requestPasswordReset;
		if (result?.__typename === 'DomainError') return fail(429, { email, error: result.message });
		if (code === 'BAD_USER_INPUT') {
			return fail(400, { email, fieldError: error?.graphQLErrors[0]?.message ?? 'Проверьте e-mail' });
		}
		if (result?.__typename !== 'MutationRequestPasswordResetSuccess') {
			return fail(503, { email, error: 'Не удалось отправить запрос: сервер не отвечает. Попробуйте ещё раз.' });
		}
		// The same answer whether or not the address has an account.
		return { sent: true, email };
	}
};

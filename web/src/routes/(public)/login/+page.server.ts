import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ViewerFields } from '$lib/graphql/fragments/viewer.ts';
import { execute } from '$lib/server/api.ts';
import { safeNext } from '$lib/server/redirects.ts';
import { homePath } from '$lib/roles.ts';
import type { Actions, PageServerLoad } from './$types';

const SignIn = graphql(
	`
		mutation SignIn($email: String!, $password: String!) {
			signIn(email: $email, password: $password) {
				viewer {
					...ViewerFields
				}
			}
		}
	`,
	[ViewerFields]
);

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.viewer) redirect(303, safeNext(url) ?? homePath(locals.viewer));
	return { signedOut: url.searchParams.has('signedOut') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');

		const fieldErrors: { email?: string; password?: string } = {};
		if (!email) fieldErrors.email = 'Введите e-mail';
		else if (!email.includes('@')) fieldErrors.email = 'Введите e-mail полностью, например ivanova@school.ru';
		if (!password) fieldErrors.password = 'Введите пароль';
		if (fieldErrors.email || fieldErrors.password) return fail(400, { email, fieldErrors });

		// The session cookie the API sets reaches the browser through handleFetch (hooks.server.ts).
		const { data, code, error } = await execute(event, SignIn, { email, password }, 'mutation');
		if (code === 'INVALID_CREDENTIALS') return fail(400, { email, error: 'Неверный e-mail или пароль' });
		if (code === 'TOO_MANY_ATTEMPTS') {
			return fail(429, {
				email,
				error: error?.graphQLErrors[0]?.message ?? 'Слишком много попыток входа. Подождите несколько минут и попробуйте снова.'
			});
		}
		if (code === 'BAD_USER_INPUT') {
			return fail(400, { email, error: error?.graphQLErrors[0]?.message ?? 'Проверьте e-mail и пароль' });
		}
		if (!data?.signIn) {
			return fail(503, { email, error: 'Не удалось войти: сервер не отвечает. Попробуйте ещё раз через минуту.' });
		}
		redirect(303, safeNext(event.url) ?? homePath(data.signIn.viewer));
	}
};

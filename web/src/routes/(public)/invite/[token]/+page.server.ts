import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ViewerFields } from '$lib/graphql/fragments/viewer.ts';
import { execute } from '$lib/server/api.ts';
import { homePath } from '$lib/roles.ts';
import type { Actions, PageServerLoad } from './$types';

const AcceptInvitation = graphql(
	`
		mutation AcceptInvitation($token: String!, $password: String!) {
			acceptInvitation(token: $token, password: $password) {
				__typename
				... on DomainError {
					code
					message
				}
				... on MutationAcceptInvitationSuccess {
					data {
						viewer {
							...ViewerFields
						}
					}
				}
			}
		}
	`,
	[ViewerFields]
);

/** The API's rule (api/src/modules/user/people-schema.ts), repeated so the form can say it up front. */
const MIN_PASSWORD_LENGTH = 10;

export const load: PageServerLoad = () => ({ minLength: MIN_PASSWORD_LENGTH });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');

		const fieldErrors: { password?: string; confirm?: string } = {};
		if (password.length < MIN_PASSWORD_LENGTH) {
			fieldErrors.password = `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
		}
		if (!fieldErrors.password && confirm !== password) fieldErrors.confirm = 'Пароли не совпадают';
		if (fieldErrors.password || fieldErrors.confirm) return fail(400, { fieldErrors });

		const { data, code, error } = await execute(event, AcceptInvitation, { token: event.params.token, password }, 'mutation');
		const result = data?.acceptInvitation;
		// A weak password is the person's to fix in the form; any other domain error means the link is spent.
		if (result?.__typename === 'DomainError' && result.code === 'WEAK_PASSWORD') {
			const fieldErrors: { password?: string; confirm?: string } = { password: result.message };
			return fail(400, { fieldErrors });
		}
		if (result?.__typename === 'DomainError') return fail(400, { error: result.message, invalid: true });
		if (code === 'BAD_USER_INPUT') {
			// The token itself failed validation (too short or long): the link is broken.
			const onToken = error?.graphQLErrors.some((e) => JSON.stringify(e.extensions?.issues ?? '').includes('token'));
			return fail(400, {
				error: onToken
					? 'Ссылка-приглашение недействительна. Попросите координатора выслать новую.'
					: (error?.graphQLErrors[0]?.message ?? 'Проверьте пароль'),
				invalid: onToken
			});
		}
		if (result?.__typename !== 'MutationAcceptInvitationSuccess') {
			return fail(503, {
				error: 'Не удалось сохранить пароль: сервер не отвечает. Попробуйте ещё раз.',
				invalid: false
			});
		}
		// Accepting signs in: the API's session cookie reaches the browser through handleFetch.
		redirect(303, homePath(result.data.viewer));
	}
};

import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { execute } from '$lib/server/api.ts';
import { SESSION_COOKIE } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

const SignOut = graphql(`
	mutation SignOut {
		signOut
	}
`);

// Signing out changes state, so it is a POST (the shell's «Выйти» form); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		await execute(event, SignOut, {}, 'mutation');
		// The API clears the cookie too (forwarded by handleFetch); this makes sure even if it was unreachable.
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?signedOut');
	}
};

import { redirect } from '@sveltejs/kit';
import { homePath } from '$lib/roles.ts';
import type { PageServerLoad } from './$types';

/** «/» is each role's own home. */
export const load: PageServerLoad = async ({ parent }) => {
	const { viewer } = await parent();
	redirect(303, homePath(viewer));
};

import { renderGuide } from '$lib/components/help/markdown.ts';
// The guide in docs/ is the one source: bundled at build time, served inside the app.
import guide from '../../../../../../docs/reporting.md?raw';
import type { PageServerLoad } from './$types';

const rendered = renderGuide(guide);

/** docs/reporting.md, rendered, for those who write their own reports. */
export const load: PageServerLoad = async () => rendered;

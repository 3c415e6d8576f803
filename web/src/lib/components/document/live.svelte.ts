/**
 * Live documents: `subscription documentUpdated` for each document a page shows (one graphql-ws
 * connection carries them all). Each change reaches `onChange` with the document's new status; pages
 * then re-read their data (`invalidate`) so what they show is the server's truth, without a reload.
 */
import { browser } from '$app/environment';
import { getGraphQL } from '$lib/graphql/client.ts';
import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

const DocumentUpdated = graphql(`
	subscription DocumentUpdated($id: ID!) {
		documentUpdated(id: $id) {
			id
			title
			status
			statusLabel
			revision
		}
	}
`);

export type DocumentChange = ResultOf<typeof DocumentUpdated>['documentUpdated'];

/** Changes this browser is making itself: document id → the status it will have, and when it was asked. */
const own = new Map<string, { status: string; at: number }>();
const OWN_WINDOW_MS = 30_000;

/**
 * Call just before sending a mutation that moves `documentId` to `status`: when the change comes back
 * over the live connection it is the viewer's own, and pages do not announce it as news.
 */
export function expectOwnChange(documentId: string, status: string): void {
	own.set(documentId, { status, at: Date.now() });
}

/** Whether a live change is the echo of the viewer's own recent action. */
export function isOwnChange(change: Pick<DocumentChange, 'id' | 'status'>): boolean {
	const mine = own.get(change.id);
	return !!mine && mine.status === change.status && Date.now() - mine.at < OWN_WINDOW_MS;
}

/**
 * Call during component initialisation; `ids` may change (the subscriptions follow). `onChange` gets
 * `own: true` for the echo of the viewer's own action (see `expectOwnChange`).
 */
export function watchDocuments(ids: () => string[], onChange: (doc: DocumentChange, own: boolean) => void): void {
	const { client } = getGraphQL();
	const key = $derived([...new Set(ids())].sort().join(','));
	$effect(() => {
		if (!browser || !key) return;
		const subscriptions = key.split(',').map((id) =>
			client.subscription(DocumentUpdated, { id }).subscribe((result) => {
				if (result.data) onChange(result.data.documentUpdated, isOwnChange(result.data.documentUpdated));
			})
		);
		return () => subscriptions.forEach((s) => s.unsubscribe());
	});
}

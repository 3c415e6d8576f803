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

/** Call during component initialisation; `ids` may change (the subscriptions follow). */
export function watchDocuments(ids: () => string[], onChange: (doc: DocumentChange) => void): void {
	const { client } = getGraphQL();
	const key = $derived([...new Set(ids())].sort().join(','));
	$effect(() => {
		if (!browser || !key) return;
		const subscriptions = key.split(',').map((id) =>
			client.subscription(DocumentUpdated, { id }).subscribe((result) => {
				if (result.data) onChange(result.data.documentUpdated);
			})
		);
		return () => subscriptions.forEach((s) => s.unsubscribe());
	});
}

/**
 * A small runes wrapper over @urql/core (instead of the store-based @urql/svelte): reactive query and
 * subscription state for components. Call these during component initialisation; they read the client
 * from context and run only in the browser (inside `$effect`), so server rendering shows the loading state.
 */
import { type AnyVariables, type CombinedError, type OperationContext, type RequestPolicy, type TypedDocumentNode } from '@urql/core';
import { getGraphQL } from './client.ts';

export interface QueryState<R> {
	readonly data: R | undefined;
	readonly error: CombinedError | undefined;
	readonly fetching: boolean;
	/** Asks the API again, bypassing the cache. */
	refetch(): void;
}

export interface QueryArgs<R, V extends AnyVariables> {
	query: TypedDocumentNode<R, V>;
	variables: V;
	/** Don't run while true (e.g. a dropdown that is still closed). */
	pause?: boolean;
	requestPolicy?: RequestPolicy;
}

/**
 * A reactive query. `args` is a function so that variables may depend on `$state`/props:
 * `const q = createQuery(() => ({ query: Doc, variables: { id } }))`.
 */
export function createQuery<R, V extends AnyVariables>(args: () => QueryArgs<R, V>): QueryState<R> {
	const { client } = getGraphQL();
	let data = $state<R | undefined>(undefined);
	let error = $state<CombinedError | undefined>(undefined);
	let fetching = $state(true);
	let generation = $state(0);
	let seenGeneration = 0;

	$effect(() => {
		const { query, variables, pause, requestPolicy } = args();
		const forced = generation !== seenGeneration;
		seenGeneration = generation;
		if (pause) {
			fetching = false;
			return;
		}
		fetching = true;
		const context: Partial<OperationContext> = {
			requestPolicy: forced ? 'network-only' : (requestPolicy ?? 'cache-first')
		};
		const subscription = client.query(query, variables, context).subscribe((result) => {
			data = result.data;
			error = result.error;
			fetching = !!result.stale;
		});
		return () => subscription.unsubscribe();
	});

	return {
		get data() {
			return data;
		},
		get error() {
			return error;
		},
		get fetching() {
			return fetching;
		},
		refetch() {
			generation += 1;
		}
	};
}

export interface SubscriptionArgs<R, V extends AnyVariables> {
	query: TypedDocumentNode<R, V>;
	variables: V;
	pause?: boolean;
	/** Called with each event's data. */
	onData(data: R): void;
	onError?(error: CombinedError): void;
}

/** A live subscription for the lifetime of the component (or until `pause`). */
export function createSubscription<R, V extends AnyVariables>(args: () => SubscriptionArgs<R, V>): void {
	const { client } = getGraphQL();
	$effect(() => {
		const { query, variables, pause, onData, onError } = args();
		if (pause) return;
		const subscription = client.subscription(query, variables).subscribe((result) => {
			if (result.data) onData(result.data);
			if (result.error) onError?.(result.error);
		});
		return () => subscription.unsubscribe();
	});
}

/**
 * File uploads: a GraphQL multipart request (jaydenseric's spec, the API's `File` scalar) sent with
 * XMLHttpRequest, because fetch cannot report upload progress and a school on a slow line needs to see
 * that its 20 MB file is on its way. The request carries the API's CSRF header, like every other one.
 */
import { getOperationName, stringifyDocument, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { failureOfErrors, failureOfPayload, NETWORK_FAILURE, type Failure } from './mutate.ts';

export interface UploadOptions {
	/** Called as bytes leave the browser: `loaded` of `total`. */
	onProgress?: (loaded: number, total: number) => void;
	signal?: AbortSignal;
}

export interface UploadResult<R> {
	data: R | undefined;
	failure: Failure | null;
	/** The user cancelled the upload. */
	aborted: boolean;
}

/**
 * Runs `document` with `files` put at their variable paths (e.g. `{ 'input.file': file }`): the
 * variables hold null there and the multipart map points each file at `variables.<path>`.
 */
export function uploadMutation<R, V extends AnyVariables>(
	document: TypedDocumentNode<R, V>,
	variables: V,
	files: Record<string, File>,
	options: UploadOptions = {}
): Promise<UploadResult<R>> {
	const vars = structuredClone(variables) as Record<string, unknown>;
	const map: Record<string, string[]> = {};
	const body = new FormData();
	Object.keys(files).forEach((path, i) => {
		setPath(vars, path, null);
		map[String(i)] = [`variables.${path}`];
	});
	body.append('operations', JSON.stringify({ query: stringifyDocument(document), variables: vars, operationName: getOperationName(document) }));
	body.append('map', JSON.stringify(map));
	Object.values(files).forEach((file, i) => body.append(String(i), file, file.name));

	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		const done = (r: Partial<UploadResult<R>>) => {
			options.signal?.removeEventListener('abort', abort);
			resolve({ data: undefined, failure: null, aborted: false, ...r });
		};
		const abort = () => xhr.abort();
		xhr.open('POST', '/graphql');
		xhr.withCredentials = true;
		xhr.setRequestHeader('x-graphql-yoga-csrf', '1');
		xhr.setRequestHeader('accept', 'application/graphql-response+json, application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
		};
		xhr.onload = () => {
			let json: { data?: R; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
			try {
				json = JSON.parse(xhr.responseText);
			} catch {
				json = null;
			}
			if (json?.errors?.length) return done({ data: json.data ?? undefined, failure: failureOfErrors(json.errors) });
			if (!json || xhr.status >= 400) {
				return done({
					failure: {
						message: xhr.status === 413 ? 'Файл слишком большой для загрузки.' : `Сервер не принял файл (ошибка ${xhr.status}). Попробуйте ещё раз.`,
						code: `HTTP_${xhr.status}`,
						problems: []
					}
				});
			}
			done({ data: json.data, failure: failureOfPayload(json.data) });
		};
		xhr.onerror = () => done({ failure: { message: NETWORK_FAILURE, code: 'NETWORK', problems: [] } });
		xhr.onabort = () => done({ aborted: true });
		options.signal?.addEventListener('abort', abort);
		xhr.send(body);
	});
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let cur: Record<string, unknown> = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
		cur = cur[key] as Record<string, unknown>;
	}
	cur[keys.at(-1)!] = value;
}

/** Replays the API's Set-Cookie headers through SvelteKit's cookie jar, so they reach the browser. */
import type { Cookies } from '@sveltejs/kit';

type CookieOptions = Parameters<Cookies['set']>[2];

export interface ParsedCookie {
	name: string;
	value: string;
	options: CookieOptions;
}

/** Parses one Set-Cookie header value (name=value; Attr; Attr=value…). */
export function parseSetCookie(header: string): ParsedCookie | null {
	const [pair, ...attrs] = header.split(';');
	const eq = pair.indexOf('=');
	if (eq <= 0) return null;
	const name = pair.slice(0, eq).trim();
	const value = decodeURIComponent(pair.slice(eq + 1).trim());
	const options: CookieOptions = { path: '/', httpOnly: false, secure: false };
	for (const attr of attrs) {
		const i = attr.indexOf('=');
		const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
		const val = i < 0 ? '' : attr.slice(i + 1).trim();
		if (key === 'path') options.path = val || '/';
		else if (key === 'domain') options.domain = val;
		else if (key === 'expires') options.expires = new Date(val);
		else if (key === 'max-age') options.maxAge = Number(val);
		else if (key === 'httponly') options.httpOnly = true;
		else if (key === 'secure') options.secure = true;
		else if (key === 'samesite') options.sameSite = val.toLowerCase() as 'lax' | 'strict' | 'none';
	}
	return { name, value, options };
}

/** Copies every Set-Cookie of `response` into `cookies`. */
export function forwardSetCookies(response: Response, cookies: Cookies): void {
	for (const header of response.headers.getSetCookie()) {
		const c = parseSetCookie(header);
		if (!c) continue;
		// Keep the cookie as the API wrote it: it must not be encoded a second time.
		cookies.set(c.name, c.value, { ...c.options, encode: (v) => v });
	}
}

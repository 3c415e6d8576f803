/** Where to go after signing in: a local path from `?next=`, never another site. */
export function safeNext(url: URL): string | null {
	const next = url.searchParams.get('next');
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
	if (
		next.startsWith('/login') ||
		next.startsWith('/logout') ||
		next.startsWith('/invite') ||
		next.startsWith('/reset') ||
		next.startsWith('/forgot')
	)
		return null;
	return next;
}

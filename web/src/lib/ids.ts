/** Relay global ids as the API writes them: base64 of `<Type>:<id>`. */

/** Whether `id` is a well-formed global id of `type`; lets a route answer 404 without asking the API. */
export function isGlobalIdOf(id: string, type: string): boolean {
	try {
		const decoded = atob(id);
		return decoded.startsWith(`${type}:`) && decoded.length > type.length + 1;
	} catch {
		return false;
	}
}

/**
 * A small renderer for the project's own guides in docs/ (trusted text, but escaped all the same):
 * headings, paragraphs, bullet lists, fenced code, **bold** and `code`. Nothing else is needed there.
 */
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function inline(s: string): string {
	return escape(s)
		.replace(/`([^`]+)`/g, '<code>$1</code>')
		.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** Markdown of docs/ → HTML. Headings get ids («h-2», …) so the page can list them. */
export function renderGuide(md: string): { html: string; headings: { id: string; text: string }[] } {
	const out: string[] = [];
	const headings: { id: string; text: string }[] = [];
	const lines = md.replace(/\r\n/g, '\n').split('\n');
	let para: string[] = [];
	let list: string[] | null = null;
	const flush = () => {
		if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
		para = [];
		if (list) out.push(`<ul>${list.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`);
		list = null;
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (line.startsWith('```')) {
			flush();
			const code: string[] = [];
			for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
			// A code block may scroll sideways on a phone: focusable, so it scrolls from the keyboard too.
			out.push(`<pre tabindex="0"><code>${escape(code.join('\n'))}</code></pre>`);
			continue;
		}
		const h = /^(#{1,4})\s+(.*)$/.exec(line);
		if (h) {
			flush();
			// The page has its own h1: the guide's levels move one down.
			const level = Math.min(h[1].length + 1, 4);
			const id = `h-${headings.length + 1}`;
			if (level === 2) headings.push({ id, text: h[2] });
			out.push(`<h${level} id="${id}">${inline(h[2])}</h${level}>`);
			continue;
		}
		const item = /^\s*[-*]\s+(.*)$/.exec(line);
		if (item) {
			if (para.length) flush();
			list ??= [];
			list.push(item[1]);
			continue;
		}
		if (!line.trim()) {
			flush();
			continue;
		}
		// A continuation line of a list item.
		if (list && /^\s+/.test(line)) list[list.length - 1] += ` ${line.trim()}`;
		else {
			if (list) flush();
			para.push(line.trim());
		}
	}
	flush();
	return { html: out.join('\n'), headings };
}

/** Shared look of the dashboards' bar charts: horizontal bars, category labels that fit the width. */
import type { EChartsOption } from '$lib/components/charts/echarts.ts';

/** Category labels take at most ~40 % of a narrow chart and 320 px of a wide one. */
export const labelWidth = (width: number) => Math.max(90, Math.min(320, Math.round(width * 0.4)));

/** About how many 12 px letters fit a label line (Cyrillic in system fonts averages ~7 px). */
const lettersPerLine = (width: number) => Math.max(10, Math.floor(labelWidth(width) / 7));

/**
 * A category name wrapped between words into lines that fit the label column: never cut with «…»,
 * never broken inside a word (a word longer than a line keeps its own line).
 */
export function wrapWords(name: string, perLine: number): string {
	const lines: string[] = [];
	let line = '';
	for (const word of name.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > perLine) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines.join('\n');
}

/** How many lines the longest of `names` takes at this width (for the chart's row height). */
export const labelLines = (width: number, names: string[]) =>
	Math.max(1, ...names.map((n) => wrapWords(n, lettersPerLine(width)).split('\n').length));

/** Chart height for `n` categories. */
export const rowHeight = (n: number, per = 34) => Math.max(160, n * per + 90);

/** A value axis that keeps its labels apart on a phone. */
export const valueAxisSplits = (width: number) => (narrow(width) ? 3 : 5);

export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const LEGEND = { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } };
export const VALUE_AXIS_LINES = { lineStyle: { color: '#eef1f5' } };

/** Phones: a narrower layout (legend on two lines, fewer value-axis splits). */
export const narrow = (width: number) => width < 640;

/** Horizontal bars over `names` (first on top). */
export const barBase = (width: number, names: string[]): EChartsOption => ({
	animation: false,
	textStyle: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
	grid: { left: 8, right: width < 480 ? 12 : 24, top: narrow(width) ? 64 : 40, bottom: 8, containLabel: true },
	tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
	yAxis: {
		type: 'category',
		// Wrapped here, between words: ECharts' own 'truncate' cuts and 'break' splits words.
		data: names.map((n) => wrapWords(n, lettersPerLine(width))),
		inverse: true,
		axisTick: { show: false },
		axisLabel: {
			lineHeight: 14,
			color: '#1a2330',
			fontSize: 12
		}
	}
});

/** Shared look of the dashboards' bar charts: horizontal bars, category labels that fit the width. */
import type { EChartsOption } from '$lib/components/charts/echarts.ts';

/** Category labels take at most ~40 % of a narrow chart and 240 px of a wide one. */
export const labelWidth = (width: number) => Math.max(90, Math.min(240, Math.round(width * 0.4)));

/** Chart height for `n` categories. */
export const rowHeight = (n: number, per = 34) => Math.max(160, n * per + 90);

/** A value axis that keeps its labels apart on a phone. */
export const valueAxisSplits = (width: number) => (narrow(width) ? 3 : 5);

export const escapeHtml = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const LEGEND = { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } };
export const VALUE_AXIS_LINES = { lineStyle: { color: '#eef1f5' } };

/** Phones: category labels wrap onto several lines instead of being cut. */
export const narrow = (width: number) => width < 640;

/** Horizontal bars over `names` (first on top). */
export const barBase = (width: number, names: string[]): EChartsOption => ({
	animation: false,
	textStyle: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
	grid: { left: 8, right: width < 480 ? 12 : 24, top: narrow(width) ? 64 : 40, bottom: 8, containLabel: true },
	tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
	yAxis: {
		type: 'category',
		data: names,
		inverse: true,
		axisTick: { show: false },
		axisLabel: {
			width: labelWidth(width),
			overflow: narrow(width) ? 'break' : 'truncate',
			lineHeight: 14,
			color: '#1a2330',
			fontSize: 12
		}
	}
});

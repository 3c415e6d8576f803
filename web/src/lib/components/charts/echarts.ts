/**
 * ECharts for the browser only, loaded on demand (see echarts-setup.ts): a slow connection pays for the
 * charts once, after the page's tables are already readable.
 */
export type { EChartsOption } from 'echarts';

let loading: Promise<typeof import('./echarts-setup.ts')> | null = null;

export function loadECharts(): Promise<typeof import('./echarts-setup.ts')> {
	loading ??= import('./echarts-setup.ts');
	return loading;
}

/**
 * ECharts for the browser only, loaded on demand: the core with the bar chart, grid, tooltip and legend,
 * drawn as SVG (crisp text, small). Only what the dashboards use is bundled, so a slow connection pays for
 * the charts once, after the page's tables are already readable.
 */
export type { EChartsOption } from 'echarts';

let loading: Promise<typeof import('echarts/core')> | null = null;

export function loadECharts(): Promise<typeof import('echarts/core')> {
	loading ??= Promise.all([
		import('echarts/core'),
		import('echarts/charts'),
		import('echarts/components'),
		import('echarts/renderers')
	]).then(([core, charts, components, renderers]) => {
		core.use([
			charts.BarChart,
			components.GridComponent,
			components.TooltipComponent,
			components.LegendComponent,
			components.AriaComponent,
			renderers.SVGRenderer
		]);
		return core;
	});
	return loading;
}

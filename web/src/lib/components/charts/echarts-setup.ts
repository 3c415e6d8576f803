/**
 * The parts of ECharts the dashboards draw with, registered once: bar charts on a grid with tooltips and a
 * legend, as SVG. Named imports let the bundler leave out every other chart type and component; this module
 * is only ever loaded through `loadECharts()`.
 */
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init };

// The dashboard's charts: ECharts options rendered server-side to SVG (platform/charts/svg.ts). Pure; the same
// numbers are shown as tables beside each chart.
import { renderChartSvg, type EChartsOption } from '../../platform/charts/svg.ts';
import type { Dashboard } from './supervision.service.ts';

const SIZE = { width: 560, height: 300 };

const render = (option: EChartsOption, title: string): string => renderChartSvg(option, SIZE, title);
const COLORS = ['#1F4E9A', '#B3202A', '#1E7B34', '#8A5A00', '#5B3C88', '#0B6E74', '#595959'];

function bar(title: string, labels: string[], values: number[], horizontal = false): string {
  const category = { type: 'category' as const, data: labels, axisLabel: { fontSize: 11, interval: 0, ...(horizontal ? {} : { rotate: labels.length > 6 ? 30 : 0 }) } };
  const value = { type: 'value' as const, minInterval: 1 };
  const option: EChartsOption = {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    color: COLORS,
    grid: { left: horizontal ? 160 : 48, right: 24, top: 40, bottom: horizontal ? 24 : 64 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 11 } }],
  };
  return render(option, title);
}

export interface DashboardCharts {
  byType: string;
  byChannel: string;
  topCategories: string;
  hotspots: string;
  trend: string;
  overdue: string;
}

export function dashboardCharts(d: Dashboard): DashboardCharts {
  const short = (s: string) => s.split(' / ').pop() ?? s;
  const channelOption: EChartsOption = {
    title: { text: '各渠道工单量', left: 'center', textStyle: { fontSize: 14 } },
    color: COLORS,
    series: [{ type: 'pie', radius: ['35%', '65%'], top: 30, data: d.byChannel.filter((c) => c.count > 0).map((c) => ({ name: c.name, value: c.count })), label: { formatter: '{b}：{c}' } }],
  };
  const trendOption: EChartsOption = {
    title: { text: '每日受理量趋势', left: 'center', textStyle: { fontSize: 14 } },
    color: COLORS,
    grid: { left: 48, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: d.trend.map((t) => t.day.slice(5)), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', data: d.trend.map((t) => t.count), symbol: 'none', areaStyle: { opacity: 0.15 } }],
  };
  const overdue = d.agencies.filter((a) => a.overdue > 0).sort((a, b) => b.overdue - a.overdue).slice(0, 10);
  return {
    byType: bar('各类型工单量', d.byType.map((t) => t.name), d.byType.map((t) => t.count)),
    byChannel: render(channelOption, '各渠道工单量'),
    topCategories: bar('诉求分类前十', d.topCategories.map((c) => short(c.name)), d.topCategories.map((c) => c.count), true),
    hotspots: bar('热点（区县 × 分类）前十', d.hotspots.map((h) => `${h.districtName}·${short(h.categoryName)}`), d.hotspots.map((h) => h.count), true),
    trend: render(trendOption, '每日受理量趋势'),
    overdue: bar('超期工单最多的单位', overdue.map((a) => a.agencyName.replace(/^重庆市/, '')), overdue.map((a) => a.overdue), true),
  };
}

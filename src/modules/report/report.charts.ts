// Charts of the report, rendered server-side to SVG (platform/charts), each with its numbers also as text.
import { renderChartSvg } from '../../platform/charts/svg.ts';
import { REQUEST_ROW_LABELS, TOTAL_PARTS } from './report.format.ts';
import type { AnnualReport } from './report.service.ts';

export interface ReportChart {
  title: string;
  svg: string;
  /** the same numbers as text, for readers who cannot see the chart */
  text: string;
}

export function reportCharts(r: AnnualReport): ReportChart[] {
  const rows = r.tables.requests.rows;
  const outcomeLabels = TOTAL_PARTS.map((k) => REQUEST_ROW_LABELS[k].replace(/（区分处理的.*）$/, '').replace(/^（.）/, ''));
  const outcomeValues = TOTAL_PARTS.map((k) => rows[k][6] ?? 0);
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const t1 = `${r.year}年办理结果（按类型）`;
  const t2 = `${r.year}年每月新收申请`;
  return [
    {
      title: t1,
      svg: renderChartSvg({ title: { text: t1 }, xAxis: { type: 'category', data: outcomeLabels }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: outcomeValues, label: { show: true, position: 'top' } }] }, { width: 640, height: 320 }, t1),
      text: outcomeLabels.map((l, i) => `${l} ${outcomeValues[i]} 件`).join('，') + '。',
    },
    {
      title: t2,
      svg: renderChartSvg({ title: { text: t2 }, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'line', data: r.perMonth, label: { show: true } }] }, { width: 640, height: 320 }, t2),
      text: months.map((m, i) => `${m} ${r.perMonth[i] ?? 0} 件`).join('，') + '。',
    },
  ];
}

/** The charts as HTML figures (our own SVG, escaped by echarts; the caption is escaped by the caller's JSX or here). */
export function chartsHtml(charts: readonly ReportChart[], escape: (s: string) => string): string {
  return `<section><h2>图表</h2>${charts.map((c) => `<figure>${c.svg}<figcaption>${escape(c.title)}：${escape(c.text)}</figcaption></figure>`).join('')}</section>`;
}

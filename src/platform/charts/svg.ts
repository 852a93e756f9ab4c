import * as echarts from 'echarts';

export type EChartsOption = echarts.EChartsOption;

/** The house text face (STYLE.md), single-quoted: echarts writes it into a double-quoted style attribute. */
export const CHART_FONT_FAMILY = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Renders an ECharts option to a standalone SVG string on the server (no DOM, no animation). The root element
 * gets role="img", an aria-label and a <title> from `title`, else from the option's own title, else “图表”.
 * Text from the option is escaped by echarts, so the string is our own SVG and safe to inline.
 */
export function renderChartSvg(option: EChartsOption, size: ChartSize, title?: string): string {
  if (!(size.width > 0 && size.height > 0)) throw new RangeError(`图表尺寸无效：${size.width}×${size.height}`);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption({ ...option, textStyle: { fontFamily: CHART_FONT_FAMILY, ...option.textStyle }, animation: false });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const label = (title ?? optionTitle(option) ?? '图表').trim() || '图表';
  const escaped = escapeXml(label);
  return cspSafeSvg(svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escaped}"`).replace(/^(<svg\b[^>]*>)/, `$1<title>${escaped}</title>`));
}

/**
 * The site's CSP forbids inline styles (style-src 'self'): the SVG's style attributes become presentation
 * attributes (font-size, font-family, font-weight are valid SVG attributes) and the hover-only <style> is dropped.
 */
export function cspSafeSvg(svg: string): string {
  return svg.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_m, decls: string) =>
    decls
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const i = d.indexOf(':');
        const name = d.slice(0, i).trim();
        return /^[a-z-]+$/.test(name) ? ` ${name}="${d.slice(i + 1).trim().replace(/"/g, '&quot;')}"` : '';
      })
      .join(''),
  );
}

function optionTitle(option: EChartsOption): string | undefined {
  const t = Array.isArray(option.title) ? option.title[0] : option.title;
  return typeof t?.text === 'string' && t.text ? t.text : undefined;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

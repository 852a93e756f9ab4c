import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { renderChartSvg, type EChartsOption } from './svg.ts';

const BAR: EChartsOption = {
  title: { text: '2026年依申请公开受理数' },
  xAxis: { type: 'category', data: ['一月', '二月', '三月'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [3, 5, 8] }],
};

/** Parses the SVG as XML (throws on malformed markup) and returns the root's attributes and first child. */
function parse(svg: string): { root: Record<string, string>; firstChild: string | undefined; texts: string[] } {
  const parser = new SaxesParser();
  let root: Record<string, string> | undefined;
  let firstChild: string | undefined;
  let depth = 0;
  const texts: string[] = [];
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) root = Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]));
    else if (depth === 2 && firstChild === undefined) firstChild = tag.name;
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('text', (t) => texts.push(t));
  parser.write(svg).close();
  return { root: root ?? {}, firstChild, texts };
}

describe('renderChartSvg', () => {
  it('renders a well-formed SVG of the given size with the data labels', () => {
    const svg = renderChartSvg(BAR, { width: 640, height: 360 });
    const { root, texts } = parse(svg);
    expect(root.width).toBe('640');
    expect(root.height).toBe('360');
    expect(texts).toContain('二月');
    expect(texts).toContain('2026年依申请公开受理数');
  });

  it('is accessible: role="img", an aria-label and a <title> first, from the title argument', () => {
    const svg = renderChartSvg(BAR, { width: 400, height: 300 }, '各月受理数柱状图');
    const { root, firstChild } = parse(svg);
    expect(root.role).toBe('img');
    expect(root['aria-label']).toBe('各月受理数柱状图');
    expect(firstChild).toBe('title');
    expect(svg).toContain('<title>各月受理数柱状图</title>');
  });

  it('falls back to the option title, then to 图表', () => {
    expect(parse(renderChartSvg(BAR, { width: 300, height: 200 })).root['aria-label']).toBe('2026年依申请公开受理数');
    const { title: _t, ...untitled } = BAR;
    expect(parse(renderChartSvg(untitled, { width: 300, height: 200 })).root['aria-label']).toBe('图表');
  });

  it('escapes hostile text in the title and the data', () => {
    const svg = renderChartSvg(
      { ...BAR, xAxis: { type: 'category', data: ['<script>alert(1)</script>', 'b"c', 'd'] } },
      { width: 300, height: 200 },
      '"><script>x</script>',
    );
    expect(svg).not.toContain('<script');
    const { root, texts } = parse(svg);
    expect(root['aria-label']).toBe('"><script>x</script>');
    expect(texts).toContain('<script>alert(1)</script>');
  });

  it('draws without animation and uses the house Chinese font stack', () => {
    const svg = renderChartSvg(BAR, { width: 300, height: 200 });
    expect(svg).not.toMatch(/<animate/);
    expect(svg).toContain('Noto Sans CJK SC');
    // an option's own text style keeps the house face unless it names another
    expect(renderChartSvg({ ...BAR, textStyle: { fontSize: 14 } }, { width: 300, height: 200 })).toContain('Noto Sans CJK SC');
    expect(renderChartSvg({ ...BAR, textStyle: { fontFamily: 'serif' } }, { width: 300, height: 200 })).not.toContain('Noto Sans CJK SC');
  });

  it('refuses a zero or negative size', () => {
    expect(() => renderChartSvg(BAR, { width: 0, height: 200 })).toThrow(RangeError);
  });
});

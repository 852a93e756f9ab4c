import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { cspSafeSvg } from '../../platform/charts/svg.ts';
import { dashboardCharts } from './supervision.charts.ts';
import { ratesOf, type Dashboard } from './supervision.service.ts';

const zero = { responseNum: 0, responseDen: 0, resolutionNum: 0, resolutionDen: 0, satisfactionNum: 0, satisfactionDen: 0, closureNum: 0, closureDen: 0 };

describe('ratesOf', () => {
  it('turns counts into rates with their formulas and a composite that skips empty rates', () => {
    const r = ratesOf({ ...zero, responseNum: 9, responseDen: 10, resolutionNum: 3, resolutionDen: 4, satisfactionNum: 4, satisfactionDen: 5 }, DEFAULT_HOTLINE_CONFIG);
    expect(r.response.value).toBeCloseTo(0.9);
    expect(r.resolution.value).toBeCloseTo(0.75);
    expect(r.satisfaction.value).toBeCloseTo(0.8);
    expect(r.onTimeClosure.value).toBeNull();
    expect(r.composite.score).toBeCloseTo(90 * 0.3 + 75 * 0.35 + 80 * 0.35, 1);
    expect(r.satisfaction.formula).toContain('满意率 =');
    const none = ratesOf(zero, DEFAULT_HOTLINE_CONFIG);
    expect(none.composite.score).toBeNull();
  });
});

describe('charts', () => {
  it('moves inline styles into presentation attributes and drops <style>', () => {
    const out = cspSafeSvg('<svg><style>.a:hover{fill:red}</style><text style="font-size:14px;font-family:\'Noto Sans\';fill:#333" x="1">标题</text></svg>');
    expect(out).toBe('<svg><text font-size="14px" font-family="\'Noto Sans\'" fill="#333" x="1">标题</text></svg>');
  });

  it('renders every dashboard chart as an accessible SVG without inline styles', () => {
    const d = {
      byType: [{ key: 'complaint', name: '投诉', count: 3 }],
      byChannel: [{ key: 'phone', name: '电话', count: 2 }, { key: 'web', name: '网站', count: 1 }],
      topCategories: [{ code: '010101', name: '城乡建设 / 市政设施 / 道路破损', count: 3 }],
      hotspots: [{ districtCode: '500103', districtName: '渝中区', categoryCode: '010101', categoryName: '城乡建设 / 市政设施 / 道路破损', count: 3 }],
      trend: [{ day: '2026-03-01', count: 1 }, { day: '2026-03-02', count: 2 }],
      agencies: [{ agencyId: 'a', agencyName: '重庆市测试局', count: 3, overdue: 1, rates: ratesOf(zero, DEFAULT_HOTLINE_CONFIG) }],
    } as unknown as Dashboard;
    const charts = dashboardCharts(d);
    for (const svg of Object.values(charts)) {
      expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
      expect(svg).not.toContain(' style="');
      expect(svg).not.toContain('<script');
    }
    expect(charts.hotspots).toContain('渝中区·道路破损');
  });
});

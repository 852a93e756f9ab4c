import { describe, expect, it } from 'vitest';
import { cspSafeSvg } from '../../platform/charts/svg.ts';
import { reportCharts } from './report.charts.ts';
import { completeRequestRows, completeReviewRow, emptyRequestRows, REQUEST_COLUMNS } from './report.format.ts';
import type { AnnualReport } from './report.service.ts';

function report(): AnnualReport {
  const rows = emptyRequestRows();
  rows.r1 = [4, 1, 0, 0, 0, 0, 0];
  rows.r5_2 = [2, 0, 0, 0, 0, 0, 0];
  return {
    agency: { id: 'x', code: 'x', name: '测试局', kind: 'department' },
    year: 2024,
    subtree: false,
    tables: { active: { rules: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 0, repealed: 0, inForce: 0 }, licensing: null, penalty: null, enforcement: null, feesWanYuan: null }, requests: { columns: [...REQUEST_COLUMNS], rows: completeRequestRows(rows) }, review: completeReviewRow(Array(15).fill(0)) },
    keyAreas: [],
    feeCollectedYuan: 0,
    perMonth: [0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
    violations: [],
    notices: [],
    computedAt: '2025-01-01T00:00:00Z',
  };
}

describe('charts', () => {
  it('gives outcomes by type and applications per month as SVG and as text', () => {
    const [outcomes, months] = reportCharts(report());
    expect(outcomes!.svg).toMatch(/^<svg role="img"/);
    expect(outcomes!.text).toContain('予以公开 5 件');
    expect(outcomes!.text).toContain('不予处理 2 件');
    expect(months!.text).toContain('2月 3 件');
    expect(months!.text).toContain('12月 4 件');
  });
  it('leaves no inline style for the CSP', () => {
    for (const c of reportCharts(report())) {
      expect(c.svg).not.toMatch(/ style="|<style/);
      expect(c.svg).toContain('font-size="12px"');
    }
    expect(cspSafeSvg('<text style="font-size:12px;font-family:\'A\', sans-serif;">x</text>')).toBe('<text font-size="12px" font-family="\'A\', sans-serif">x</text>');
  });
});

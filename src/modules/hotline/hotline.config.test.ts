import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_CONFIG, checkHotlineConfig, describeLimit, handleLimit, hours, resolveHotlineConfig, workdays } from './hotline.config.ts';
import { TICKET_TYPE_IDS, URGENCY_IDS } from './taxonomy.ts';

describe('the default hotline config', () => {
  it('is valid', () => {
    expect(checkHotlineConfig(DEFAULT_HOTLINE_CONFIG)).toEqual([]);
  });
  it('carries the limits of issue 7', () => {
    const d = DEFAULT_HOTLINE_CONFIG.deadlines;
    expect(d.sign.normal).toEqual(hours(24));
    expect(d.dispatch.urgent).toEqual(hours(1));
    expect(d.handle.consultation.normal).toEqual(workdays(3));
    expect(d.handle.help.normal).toEqual(workdays(7));
    expect(d.handle.suggestion.normal).toEqual(workdays(7));
    expect(d.handle.complaint.normal).toEqual(workdays(15));
    expect(d.handle.report.normal).toEqual(workdays(15));
    expect(d.handle.praise.normal.value).toBeGreaterThan(0);
  });
  it('has a limit for every type × urgency, never longer when urgent', () => {
    for (const t of TICKET_TYPE_IDS) {
      for (const u of URGENCY_IDS) expect(handleLimit(DEFAULT_HOTLINE_CONFIG, t, u).value).toBeGreaterThan(0);
      const [n, u] = [handleLimit(DEFAULT_HOTLINE_CONFIG, t, 'normal'), handleLimit(DEFAULT_HOTLINE_CONFIG, t, 'urgent')];
      const approxHours = (l: typeof n) => (l.unit === 'hours' ? l.value : l.value * 24);
      expect(approxHours(u)).toBeLessThanOrEqual(approxHours(n));
    }
  });
  it('uses the GeoReport v2 description limit and the 3-month veto', () => {
    expect(DEFAULT_HOTLINE_CONFIG.text.descriptionMaxLength).toBe(4000);
    expect(DEFAULT_HOTLINE_CONFIG.publicInteraction.unansweredVetoMonths).toBe(3);
  });
});

describe('resolveHotlineConfig', () => {
  it('overlays a local profile and keeps the rest', () => {
    const c = resolveHotlineConfig({ deadlines: { handle: { complaint: { normal: workdays(10) } } }, duplicates: { windowHours: 48 } });
    expect(c.deadlines.handle.complaint.normal).toEqual(workdays(10));
    expect(c.deadlines.handle.complaint.urgent).toEqual(DEFAULT_HOTLINE_CONFIG.deadlines.handle.complaint.urgent);
    expect(c.deadlines.handle.report.normal).toEqual(workdays(15));
    expect(c.duplicates).toEqual({ ...DEFAULT_HOTLINE_CONFIG.duplicates, windowHours: 48 });
    expect(DEFAULT_HOTLINE_CONFIG.deadlines.handle.complaint.normal).toEqual(workdays(15));
  });
  it('replaces a limit whole when its unit changes', () => {
    const c = resolveHotlineConfig({ deadlines: { handle: { consultation: { normal: hours(48) } } } });
    expect(c.deadlines.handle.consultation.normal).toEqual({ unit: 'hours', value: 48 });
  });
  it('lets a city drop the bounding box', () => {
    expect(resolveHotlineConfig({ open311: { bounds: null } }).open311.bounds).toBeNull();
  });
  it('lists every problem', () => {
    let message = '';
    try {
      resolveHotlineConfig({
        deadlines: { sign: { normal: hours(-1) }, handle: { help: { normal: workdays(2.5) } } },
        rates: { compositeWeights: { response: 0.5, resolution: 0.5, satisfaction: 0.5 } },
        text: { descriptionMinLength: 5000 },
        open311: { bounds: { minLat: 40, maxLat: 30, minLong: 100, maxLong: 110 } },
        duplicates: { minTextSimilarity: 1.5 },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('签收时限（normal）：时限必须大于0');
    expect(message).toContain('办理时限（help/normal）：工作日数必须是整数');
    expect(message).toContain('综合得分权重：三项之和必须为1');
    expect(message).toContain('诉求内容最短长度：不能大于最大长度');
    expect(message).toContain('Open311 辖区范围：经纬度范围无效');
    expect(message).toContain('并单文本相似度：必须在0到1之间');
  });
  it('refuses an unknown unit and all-zero dispatch weights', () => {
    expect(() => resolveHotlineConfig({ deadlines: { review: { unit: 'weeks', value: 1 } as never } })).toThrow(/审核时限：时限单位/);
    expect(() => resolveHotlineConfig({ dispatch: { weights: { directory: 0, classifier: 0, keywords: 0 } } })).toThrow(/至少一项大于0/);
  });
  it('describes limits in Chinese', () => {
    expect(describeLimit(workdays(15))).toBe('15 个工作日');
    expect(describeLimit(hours(24))).toBe('24 小时');
  });
});

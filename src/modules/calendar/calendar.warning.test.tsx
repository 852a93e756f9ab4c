import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { calendarWarning, CalendarWarningBanner } from './calendar.warning.tsx';

/** A stand-in for CalendarService with a fixed set of entered years. */
function calendarWith(years: number[]) {
  const has = (y: number) => years.includes(y);
  return {
    async missingYears(from: string, to: string) {
      const out: number[] = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!has(y)) out.push(y);
      return out;
    },
    async nextYearMissing(today = '2026-01-01') {
      return Number(today.slice(5, 7)) >= 11 && !has(Number(today.slice(0, 4)) + 1);
    },
  };
}

describe('calendarWarning', () => {
  it('warns from November when next year is missing', async () => {
    const cal = calendarWith([2025, 2026]);
    expect(await calendarWarning(cal, '2026-10-31')).toBeNull();
    const w = await calendarWarning(cal, '2026-11-01');
    expect(w?.year).toBe(2027);
    expect(w?.message.startsWith('2027 年节假日安排尚未录入')).toBe(true);
    expect(await calendarWarning(calendarWith([2026, 2027]), '2026-11-01')).toBeNull();
  });

  it('warns in any month when this year is missing', async () => {
    expect((await calendarWarning(calendarWith([2026]), '2027-03-01'))?.year).toBe(2027);
  });

  it('renders a banner, with the editor link only for those who may edit', async () => {
    const w = await calendarWarning(calendarWith([2026]), '2026-11-20');
    const plain = renderToString(<CalendarWarningBanner warning={w} />);
    expect(plain).toContain('banner--warning');
    expect(plain).toContain('2027 年节假日安排尚未录入');
    expect(plain).not.toContain('/console/calendar');
    expect(renderToString(<CalendarWarningBanner warning={w} canEdit />)).toContain('href="/console/calendar?year=2027"');
    expect(renderToString(<CalendarWarningBanner warning={null} />)).toBe('');
  });
});

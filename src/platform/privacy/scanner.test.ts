import { describe, expect, it } from 'vitest';
import { scanText } from './scanner.ts';

// Linear-time design: adversarial strings must complete, and stay correct. Time budgets are asserted only in the
// bench (`npm run bench -- privacy`); here the timeouts are generous so a loaded CI machine does not flake.
const MB = 1_000_000;

function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

describe('adversarial input (no catastrophic backtracking)', () => {
  it.each([
    ['a long digit run', '1'.repeat(3 * MB)],
    ['repeated place words', '路'.repeat(MB)],
    ['place word and number', '路1号'.repeat(MB / 4)],
    ['digits and hyphens', '1-'.repeat(MB)],
    ['digits and spaces', '1 '.repeat(MB)],
    ['at signs', '@'.repeat(2 * MB)],
    ['local parts without domains', 'a@'.repeat(MB)],
    ['a long local part', 'a.'.repeat(MB) + '@'],
    ['role words', '市民'.repeat(MB / 2)],
    ['province and letter', '渝A'.repeat(MB / 2)],
    ['a URL of digits', 'http://' + '1'.repeat(2 * MB)],
  ])('%s: completes and finds nothing', (_name, raw) => {
    expect(scanText(flat(raw))).toEqual([]);
  }, 60_000);

  it('finds every value in a 10 MB text of repeated records, at the right offsets', () => {
    const record = '来电人王建国（13812345678）反映，身份证号500103199001010010，咨询电话023-63899999。\n';
    const n = Math.ceil((10 * MB) / Buffer.byteLength(record));
    const text = flat(record.repeat(n));
    const found = scanText(text);
    expect(found).toHaveLength(3 * n);
    const last = found.slice(-3);
    const base = (n - 1) * record.length;
    expect(last.map((f) => [f.type, f.start - base, f.text])).toEqual([
      ['name', 3, '王建国'],
      ['mobile', 7, '13812345678'],
      ['id_card', 26, '500103199001010010'],
    ]);
  }, 120_000);

  it('keeps one finding where candidates overlap, the checksum-validated one first', () => {
    const found = scanText('当事人：张三，车牌渝A12345，身份证号11010519491231002X。');
    expect(found.map((f) => f.type)).toEqual(['name', 'plate', 'id_card']);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });
});

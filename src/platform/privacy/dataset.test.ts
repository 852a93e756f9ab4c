// The labeled set behind `npm run bench -- privacy`: deterministic, large enough, labels consistent by construction.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLabeledSet } from '../../../bench/data/privacy/generate.ts';
import { isValidIdCard, isValidLegacyIdCard } from '../text/identifiers.ts';
import { digitsOf } from './chars.ts';
import { isFindingType } from './finding.ts';
import { isLuhnValid } from './luhn.ts';

describe('bench/data/privacy', () => {
  const set = generateLabeledSet();

  it('is deterministic and matches the committed labeled.jsonl', () => {
    expect(generateLabeledSet()).toEqual(set);
    const file = readFileSync(new URL('../../../bench/data/privacy/labeled.jsonl', import.meta.url), 'utf8');
    expect(file).toBe(set.map((r) => JSON.stringify(r)).join('\n') + '\n');
  });

  it('has at least 300 texts across the genres of issue 4, with negatives', () => {
    expect(set.length).toBeGreaterThanOrEqual(300);
    const genres = new Set(set.map((r) => r.genre));
    for (const g of ['hotline', 'mailbox', 'penalty', 'request', 'policy', 'trap', 'handwritten']) expect(genres).toContain(g);
    expect(set.filter((r) => r.findings.length === 0).length).toBeGreaterThanOrEqual(60);
  });

  it('has labels inside their text, ordered, not overlapping, and valid for checksummed types', () => {
    for (const r of set) {
      let prevEnd = 0;
      for (const f of r.findings) {
        expect(isFindingType(f.type)).toBe(true);
        expect(f.start).toBeGreaterThanOrEqual(prevEnd);
        expect(f.end).toBeLessThanOrEqual(r.text.length);
        prevEnd = f.end;
        const value = r.text.slice(f.start, f.end);
        if (f.type === 'id_card') {
          const v = digitsOf(value) + (/[xX]$/.test(value) ? 'X' : '');
          expect(isValidIdCard(v) || isValidLegacyIdCard(v)).toBe(true);
        }
        if (f.type === 'bank_card' && !/账号|卡号/.test(r.text.slice(Math.max(0, f.start - 8), f.start))) expect(isLuhnValid(digitsOf(value))).toBe(true);
      }
    }
  });
});

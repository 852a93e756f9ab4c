import { describe, expect, it } from 'vitest';
import { kbDocumentLexemes, kbQueryLexemes, kbTsquery, parseKeywords } from './kb.text.ts';

describe('知识库 text', () => {
  it('indexes long words with their dictionary parts and queries in precise mode', () => {
    expect(kbDocumentLexemes('住房公积金提取')).toEqual(expect.arrayContaining(['公积金', '提取']));
    expect(kbQueryLexemes('请问公积金怎么提取？')).toEqual(['公积金', '提取']);
    expect(kbDocumentLexemes('COVID-19 疫苗')).toEqual(expect.arrayContaining(['covid-19', '疫苗']));
  });

  it('builds tsquery text that can hold no operator or quote', () => {
    expect(kbTsquery(['公积金', '提取'], 'all')).toBe("'公积金' & '提取'");
    expect(kbTsquery(['公积金', '提取'], 'any')).toBe("'公积金' | '提取'");
    expect(kbTsquery(["a'b", '!', '|', "x' | 'y"], 'all')).toBeNull();
    expect(kbQueryLexemes("公积金' | '提取 & !")).toEqual(['公积金', '提取']);
    expect(kbTsquery([], 'any')).toBeNull();
  });

  it('reads keywords separated by Chinese or ASCII punctuation', () => {
    expect(parseKeywords('公积金，提取；购房、 贷款,公积金')).toEqual(['公积金', '提取', '购房', '贷款']);
    expect(parseKeywords('')).toEqual([]);
    expect(parseKeywords(Array.from({ length: 30 }, (_, i) => `词${i}`).join(' '))).toHaveLength(20);
  });
});

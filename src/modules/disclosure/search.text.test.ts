import { describe, expect, it } from 'vitest';
import { buildSearchVectors } from './search.indexer.ts';
import { filterMarksFor, MARK, quoteLexeme, sampleLexemesFor, subwordsOf, toLexeme, VectorBuilder, wordsOf } from './search.text.ts';

describe('lexemes', () => {
  it('drops punctuation, symbols and stopwords and lower-cases letters', () => {
    expect(toLexeme('，')).toBeNull();
    expect(toLexeme('的')).toBeNull();
    expect(toLexeme('~s1')).toBeNull();
    expect(toLexeme("o'clock")).toBeNull();
    expect(toLexeme('COVID-19')).toBe('covid-19');
    expect(toLexeme('政务公开')).toBe('政务公开');
  });

  it('keeps positions for dropped words, so phrases keep their distances', () => {
    expect(wordsOf('政务公开的通知')).toEqual(['政务公开', null, '通知']);
  });

  it('finds the dictionary words inside a long word', () => {
    expect(subwordsOf('政府信息公开')).toEqual(expect.arrayContaining(['政府', '信息', '公开']));
    expect(subwordsOf('政府')).toEqual([]);
    expect(subwordsOf('covid-19')).toEqual([]);
  });

  it('quotes lexemes for tsvector and tsquery text', () => {
    expect(quoteLexeme('政务')).toBe("'政务'");
    expect(quoteLexeme("a'b\\c")).toBe("'a''b\\\\c'");
  });
});

describe('VectorBuilder', () => {
  it('gives sub-words the position of their word, weights each field and leaves gaps between fields', () => {
    const v = new VectorBuilder().addText('政务公开工作', 'A').addText('政务公开', 'B').toString();
    // 政务公开 at 1 (title, A), 工作 at 2; the gap of 8 puts the next field at 11
    expect(v).toContain("'政务公开':1A,11B");
    expect(v).toContain("'政务':1A,11B");
    expect(v).toContain("'公开':1A,11B");
    expect(v).toContain("'工作':2A");
  });

  it('writes bare lexemes without positions', () => {
    expect(new VectorBuilder().addBare('~s1').toString()).toBe("'~s1'");
  });

  it('caps positions at 16383 as PostgreSQL does', () => {
    const b = new VectorBuilder();
    b.position = 16380;
    b.addText('一 二 三 四 五 六', 'B');
    expect(b.position).toBe(16383);
  });
});

describe('buildSearchVectors', () => {
  it('indexes title (A), keywords, 文号, agencies, attachments and body (B), with sampling and filter marks', () => {
    const v = buildSearchVectors({
      itemId: '00000000-0000-4000-8000-000000000000',
      title: '关于乡村振兴的通知',
      bodyText: '推进农村人居环境整治。',
      keywords: ['高标准农田'],
      documentNumber: '渝府办发〔2018〕76号',
      agencyNames: ['重庆市人民政府办公厅'],
      attachmentNames: ['附件1：项目清单.xlsx'],
      marks: [MARK.genre('notice')],
    });
    expect(v.titleTsv).toContain("'乡村':");
    expect(v.titleTsv).not.toContain('农村');
    for (const lexeme of ['农村', '人居', '高标准', '办发', '2018', '办公厅', '项目', '清单', '~g:notice']) expect(v.tsv).toContain(`'${lexeme}'`);
    expect(v.tsv).not.toContain('xlsx');
    // deterministic: the same item always gets the same vector (and so the same sampling marks)
    expect(buildSearchVectors({ itemId: '00000000-0000-4000-8000-000000000000', title: 'x', bodyText: '' }).tsv).toBe(buildSearchVectors({ itemId: '00000000-0000-4000-8000-000000000000', title: 'x', bodyText: '' }).tsv);
  });
});

describe('sampling marks', () => {
  it('puts about 1 in 4^k items in the level-k sample, nested', () => {
    const n = 20_000;
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const marks = sampleLexemesFor(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      for (const m of marks) counts[Number(m.slice(2))] = (counts[Number(m.slice(2))] ?? 0) + 1;
      // nested: level k implies every level below it
      const levels = marks.map((m) => Number(m.slice(2)));
      expect(levels).toEqual(levels.map((_, i) => i + 1));
    }
    expect(counts[1]).toBeGreaterThan(n / 4 * 0.9);
    expect(counts[1]).toBeLessThan(n / 4 * 1.1);
    expect(counts[2]).toBeGreaterThan(n / 16 * 0.8);
    expect(counts[2]).toBeLessThan(n / 16 * 1.2);
  });
});

describe('filter marks', () => {
  it('marks every filterable value, a sub-class with its class, and issuers apart from their ancestors', () => {
    const marks = filterMarksFor({
      validity: 'expired',
      genre: 'normative',
      subject: 'finance.audit',
      policyTags: ['tendering'],
      publishedDate: '2019-03-02',
      writtenDate: '2018-12-28',
      agencyIds: ['A1'],
      agencyScope: ['A1', 'ROOT'],
      nodeIds: ['N1'],
    });
    expect(marks).toEqual(expect.arrayContaining(['~v:expired', '~g:normative', '~t:finance.audit', '~t:finance', '~p:tendering', '~y:2019', '~w:2018', '~i:a1', '~a:a1', '~a:root', '~n:n1']));
    expect(marks).not.toContain('~i:root');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_QUERY_PARTS, parseQuery, splitQuoted } from './search.query.ts';

describe('parseQuery', () => {
  it('makes every word a required term (AND)', () => {
    const q = parseQuery('乡村振兴 营商环境');
    expect(q.parts.map((p) => p.kind)).toEqual(['term', 'term', 'term']);
    expect(q.tsquery).toBe("'乡村' & '振兴' & '营商环境'");
  });

  it('keeps a dictionary word whole and lower-cases letters', () => {
    expect(parseQuery('政务公开').tsquery).toBe("'政务公开'");
    expect(parseQuery('COVID-19').tsquery).toBe("'covid-19'");
  });

  it('turns a quoted run into an adjacent phrase, in straight, curly and corner quotes', () => {
    for (const text of ['"人民政府办公厅"', '“人民政府办公厅”', '「人民政府办公厅」', '”人民政府办公厅“']) {
      const q = parseQuery(text);
      expect(q.parts).toEqual([{ kind: 'phrase', text: '人民政府办公厅', lexemes: [{ lexeme: '人民政府', offset: 0 }, { lexeme: '办公厅', offset: 1 }] }]);
      expect(q.tsquery).toBe("('人民政府' <-> '办公厅')");
    }
  });

  it('mixes phrases and terms, and reads an unclosed quote to the end', () => {
    expect(parseQuery('"政务公开 工作" 要点').tsquery).toBe("('政务公开' <-> '工作') & '要点'");
    expect(parseQuery('要点 "政务公开 工作').tsquery).toBe("'要点' & ('政务公开' <-> '工作')");
  });

  it('keeps the distance of a stopword inside a phrase and drops it elsewhere', () => {
    expect(parseQuery('"政务公开的通知"').tsquery).toBe("('政务公开' <2> '通知')");
    expect(parseQuery('政务公开的通知').tsquery).toBe("'政务公开' & '通知'");
  });

  it('makes a one-word phrase a term and drops repeats', () => {
    expect(parseQuery('"政务公开" 政务公开').parts).toEqual([{ kind: 'term', lexeme: '政务公开' }]);
  });

  it('leaves nothing to search for punctuation or stopwords alone', () => {
    for (const text of ['', '   ', '的', '，。！', '""', '& | ! ( ) <->']) expect(parseQuery(text).tsquery).toBeNull();
  });

  it('cannot be made to inject tsquery syntax: only quoted lexemes and our own operators come out', () => {
    const q = parseQuery("工作 ' & !公开 | (x) <-> y:* \\' 政务");
    expect(q.tsquery).toBe("'工作' & '公开' & 'x' & 'y' & '政务'");
    // every operand is quoted; no quote, backslash or operator character survives inside one
    for (const p of q.parts) if (p.kind === 'term') expect(p.lexeme).toMatch(/^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}.+#&%_-]*$/u);
  });

  it('folds full-width letters and digits as the index does', () => {
    expect(parseQuery('ＣＯＶＩＤ２０２０').tsquery).toBe(parseQuery('covid2020').tsquery);
  });

  it('stops at MAX_QUERY_PARTS parts', () => {
    const words = Array.from({ length: 40 }, (_, i) => `词${i}`).join(' ');
    expect(parseQuery(words).parts.length).toBeLessThanOrEqual(MAX_QUERY_PARTS);
  });

  it('reads a 发文字号 in each written form as the same lookup key', () => {
    for (const text of ['渝府办发〔2018〕76号', '渝府办发[2018]76号', '渝府办发2018 76', ' 渝府办发（2018）第076号 ']) expect(parseQuery(text).docKey).toBe('渝府办发〔2018〕76号');
    expect(parseQuery('政务公开 2018').docKey).toBeNull();
    expect(parseQuery('政务公开').docKey).toBeNull();
  });

  it('lists the words to mark, longest first', () => {
    expect(parseQuery('公开 "人民政府 办公厅"').highlight).toEqual(['人民政府', '办公厅', '公开']);
  });
});

describe('splitQuoted', () => {
  it('separates quoted and unquoted runs', () => {
    expect(splitQuoted('a "b c" d')).toEqual([
      { quoted: false, text: 'a ' },
      { quoted: true, text: 'b c' },
      { quoted: false, text: ' d' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightText, htmlToText, makeSnippet, plainSnippet, SNIPPET_LENGTH } from './search.snippet.ts';

describe('htmlToText', () => {
  it('drops tags, separates blocks, decodes entities and folds full-width forms', () => {
    expect(htmlToText('<h1>标题</h1><p>第一段&nbsp;A&amp;B</p><p>第二段 &lt;注&gt; &#x4E00;&#20108;</p><script>alert(1)</script>')).toBe('标题 第一段 A&B 第二段 <注> 一二');
    expect(htmlToText('２０１８年')).toBe('2018年');
  });
});

describe('highlightText', () => {
  it('marks every occurrence, longest term first, and escapes everything else', () => {
    expect(highlightText('政务公开<b>与</b>公开', ['公开', '政务公开'])).toBe('<mark>政务公开</mark>&lt;b&gt;与&lt;/b&gt;<mark>公开</mark>');
    expect(highlightText('COVID-19 防控', ['covid-19'])).toBe('<mark>COVID-19</mark> 防控');
    expect(highlightText('a.b', ['.'])).toBe('a<mark>.</mark>b');
    expect(highlightText('x', [])).toBe('x');
  });
});

describe('makeSnippet', () => {
  const long = `${'前言。'.repeat(60)}本市全面推进政务公开标准化规范化工作。${'后记。'.repeat(60)}`;

  it('cuts a window around the matches, starting at a sentence, with ellipses', () => {
    const s = makeSnippet(long, ['政务公开']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('本市全面推进<mark>政务公开</mark>标准化');
    expect([...s.replace(/<\/?mark>/g, '')].length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  });

  it('prefers the window holding the most different terms', () => {
    const text = `工作${'。'.repeat(300)}推进工作，落实要点${'。'.repeat(300)}`;
    expect(makeSnippet(text, ['工作', '要点'])).toContain('<mark>要点</mark>');
  });

  it('starts at the beginning when nothing matches, and escapes HTML in the text', () => {
    expect(makeSnippet('<script>alert("x")</script> 正文', ['无关'])).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 正文');
  });

  it('gives the same window as plain text for feeds', () => {
    expect(plainSnippet(long, ['政务公开'])).toBe(makeSnippet(long, ['政务公开']).replace(/<\/?mark>/g, ''));
    expect(escapeHtml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});

import { describe, expect, it } from 'vitest';
import { htmlToPlainText, isSameSiteUrl, sanitizeBodyHtml } from './sanitize.ts';

const SITE = 'https://www.cq.gov.cn';
const clean = (html: string) => sanitizeBodyHtml(html, { siteOrigin: SITE });

describe('sanitizeBodyHtml removes what could run or leak', () => {
  it.each([
    ['script elements and their text', '<p>正文<script>alert(1)</script></p><script src="/x.js"></script>', '<p>正文</p>'],
    ['event handlers', '<p onclick="alert(1)" onmouseover="x()">正文</p>', '<p>正文</p>'],
    ['onerror on images', '<img src="/a.png" onerror="alert(1)">', '<img src="/a.png" />'],
    ['style attributes and elements', '<p style="background:url(javascript:alert(1))">正文</p><style>p{}</style>', '<p>正文</p>'],
    ['javascript: links', '<a href="javascript:alert(1)">点击</a>', '<a>点击</a>'],
    ['obfuscated javascript: links', '<a href="JaVaScRiPt:alert(1)">a</a><a href="java&#x09;script:alert(1)">b</a><a href="&#106;avascript:alert(1)">c</a>', '<a>a</a><a>b</a><a>c</a>'],
    ['vbscript: and data: links', '<a href="vbscript:x">a</a><a href="data:text/html,<script>alert(1)</script>">b</a>', '<a>a</a><a>b</a>'],
    ['svg with scripts and handlers', '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>x</text></a></svg><p>正文</p>', '<p>正文</p>'],
    ['math/mXSS tricks', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['noscript tricks', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', ''],
    ['foreign iframes', '<iframe src="https://evil.example/"></iframe><iframe src="//evil.example/"></iframe><iframe src="javascript:alert(1)"></iframe>', ''],
    ['data: and foreign images', '<img src="data:image/svg+xml;base64,PHN2Zz4="><img src="https://evil.example/t.gif"><img src="//evil.example/t.gif">', ''],
    ['forms, objects and embeds', '<form action="/x"><input name="a"><button>提交</button></form><object data="x.swf"></object><embed src="x.swf">', '提交'],
    ['base, meta and link', '<base href="https://evil/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel="stylesheet" href="x.css">', ''],
    ['target and rel', '<a href="https://www.gov.cn/" target="_blank" rel="opener">国务院</a>', '<a href="https://www.gov.cn/">国务院</a>'],
  ])('%s', (_what, dirty, expected) => {
    const out = clean(dirty);
    expect(out).toBe(expected);
    expect(out).not.toMatch(/<script|\son\w+=|javascript:|style=|<svg|<iframe src="(https?:)?\/\/evil/i);
  });
});

describe('sanitizeBodyHtml keeps the document', () => {
  it('keeps headings, paragraphs, lists, tables, quotes and emphasis', () => {
    const html = '<h2>一、总体要求</h2><p align="right">重庆市人民政府办公厅</p><ol start="2"><li>甲</li></ol><ul><li>乙</li></ul><blockquote>引</blockquote><table><thead><tr><th scope="col">项目</th></tr></thead><tbody><tr><td colspan="2" rowspan="1">值</td></tr></tbody></table><p><strong>重</strong><em>斜</em><sub>2</sub><sup>3</sup><br /></p>';
    expect(clean(html)).toBe(html);
  });

  it('turns h1/b/i into h2/strong/em', () => {
    expect(clean('<h1>标题</h1><b>粗</b><i>斜</i>')).toBe('<h2>标题</h2><strong>粗</strong><em>斜</em>');
  });

  it('keeps safe links and same-site images and iframes', () => {
    expect(clean('<a href="/zwgk/1.html" title="详情">详情</a><a href="mailto:gk@cq.gov.cn">邮件</a><a href="tel:12345">电话</a>')).toBe('<a href="/zwgk/1.html" title="详情">详情</a><a href="mailto:gk@cq.gov.cn">邮件</a><a href="tel:12345">电话</a>');
    expect(clean('<img src="https://www.cq.gov.cn/a.png" alt="图解"><img src="../b.png" alt="">')).toBe('<img src="https://www.cq.gov.cn/a.png" alt="图解" /><img src="../b.png" alt="" />');
    expect(clean('<iframe src="/video/1" title="新闻发布会"></iframe>')).toBe('<iframe src="/video/1" title="新闻发布会"></iframe>');
  });

  it('without a site origin, only relative images are same-site', () => {
    expect(sanitizeBodyHtml('<img src="https://www.cq.gov.cn/a.png"><img src="/b.png">')).toBe('<img src="/b.png" />');
  });
});

describe('helpers', () => {
  it.each([
    ['/a.png', true],
    ['a.png', true],
    ['?x=1', true],
    ['https://www.cq.gov.cn/a', true],
    ['http://www.cq.gov.cn/a', false],
    ['https://www.cq.gov.cn.evil.example/a', false],
    ['//www.cq.gov.cn/a', false],
    ['/\\evil.example', false],
    ['data:image/png;base64,AAAA', false],
    ['', false],
  ])('isSameSiteUrl(%j) = %s', (url, expected) => {
    expect(isSameSiteUrl(url, SITE)).toBe(expected);
  });

  it('turns body HTML into plain text line by line', () => {
    expect(htmlToPlainText('<h2>一、总则</h2><p>甲 &amp; 乙</p><p>第一行<br>第二行</p><script>alert(1)</script>')).toBe('一、总则\n甲 & 乙\n第一行\n第二行');
  });
});

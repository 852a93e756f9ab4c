import { describe, expect, it } from 'vitest';
import { chineseDate, fileSize, publishedMoment, shanghaiIso, shanghaiRfc822 } from '../catalog.format.ts';
import { renderAtom, renderRss, xmlText, type Feed } from './feed.ts';
import { planSitemap, renderSitemapIndex, renderUrlset } from './feed-sitemap.ts';
import { child, childrenNamed, parseXml } from './feed.testing.ts';

const nasty = '<script>alert("x")</script> & \'引号\' \u0001\u0008 ]]> 𠀀';

const feed: Feed = {
  title: `测试机关 ${nasty}`,
  description: '描述 & 说明',
  htmlUrl: 'https://www.example.gov.cn/agencies/t?x=1&y=2',
  rssUrl: 'https://www.example.gov.cn/agencies/t/feed.rss',
  atomUrl: 'https://www.example.gov.cn/agencies/t/feed.atom',
  author: '测试机关',
  fallbackUpdated: new Date('2000-01-01T00:00:00+08:00'),
  entries: [
    { title: nasty, url: 'https://www.example.gov.cn/xxgk/11500000MB0000001X/2018-00001', published: new Date('2018-06-13T01:30:00Z'), updated: new Date('2018-06-14T01:30:00Z'), summary: `摘要 ${nasty}`, category: '通知公告', author: '测试机关' },
  ],
};

describe('xmlText', () => {
  it('escapes the five specials and drops characters XML cannot carry, keeping astral characters', () => {
    expect(xmlText('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(xmlText('x\u0000\u0001\u000by\uFFFE')).toBe('xy');
    expect(xmlText('𠀀\uD800')).toBe('𠀀');
  });
});

describe('dates in +08:00', () => {
  it('writes RFC 822 and RFC 3339 in Shanghai time', () => {
    const d = new Date('2018-06-12T17:05:09Z');
    expect(shanghaiRfc822(d)).toBe('Wed, 13 Jun 2018 01:05:09 +0800');
    expect(shanghaiIso(d)).toBe('2018-06-13T01:05:09+08:00');
    expect(chineseDate('2018-06-13')).toBe('2018年06月13日');
  });
  it('a 发布日期 takes the publication time only when it was the same Shanghai day', () => {
    const at = new Date('2018-06-12T17:05:09Z');
    expect(publishedMoment('2018-06-13', at)).toBe(at);
    expect(shanghaiIso(publishedMoment('2018-06-10', at))).toBe('2018-06-10T00:00:00+08:00');
    expect(shanghaiIso(publishedMoment('2018-06-10', null))).toBe('2018-06-10T00:00:00+08:00');
  });
  it('file sizes', () => {
    expect([fileSize(800), fileSize(1536), fileSize(356 * 1024), fileSize(1.25 * 1024 * 1024), fileSize(30 * 1024 * 1024)]).toEqual(['800 字节', '1.5 KB', '356 KB', '1.3 MB', '30 MB']);
  });
});

describe('RSS 2.0 and Atom', () => {
  it('RSS parses, carries the hostile text back unchanged, and dates items in +0800', () => {
    const rss = parseXml(renderRss(feed));
    expect(rss.name).toBe('rss');
    expect(rss.attributes.version).toBe('2.0');
    const channel = child(rss, 'channel');
    expect(child(channel, 'title').text).toBe('测试机关 <script>alert("x")</script> & \'引号\'  ]]> 𠀀');
    expect(child(channel, 'link').text).toBe('https://www.example.gov.cn/agencies/t?x=1&y=2');
    const [item] = childrenNamed(channel, 'item');
    expect(item && child(item, 'pubDate').text).toBe('Wed, 13 Jun 2018 09:30:00 +0800');
    expect(item && child(item, 'guid').attributes.isPermaLink).toBe('true');
    expect(child(channel, 'atom:link').attributes.href).toBe(feed.rssUrl);
  });
  it('Atom parses, with +08:00 timestamps and absolute links', () => {
    const atom = parseXml(renderAtom(feed));
    expect(atom.name).toBe('feed');
    expect(atom.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(child(atom, 'updated').text).toBe('2018-06-14T09:30:00+08:00');
    const [entry] = childrenNamed(atom, 'entry');
    expect(entry && child(entry, 'published').text).toBe('2018-06-13T09:30:00+08:00');
    expect(entry && child(entry, 'link').attributes.href).toMatch(/^https:\/\//);
    expect(entry && child(entry, 'summary').text).toContain('<script>');
  });
  it('an empty feed is still valid', () => {
    const empty = { ...feed, entries: [] };
    expect(child(parseXml(renderAtom(empty)), 'updated').text).toBe('2000-01-01T00:00:00+08:00');
    expect(childrenNamed(child(parseXml(renderRss(empty)), 'channel'), 'item')).toHaveLength(0);
  });
});

describe('sitemap', () => {
  it('one urlset while everything fits, else an index with enough item files', () => {
    expect(planSitemap(10, 90, 100)).toEqual({ kind: 'single' });
    expect(planSitemap(10, 91, 100)).toEqual({ kind: 'index', itemPages: 1 });
    expect(planSitemap(10, 250, 100)).toEqual({ kind: 'index', itemPages: 3 });
    const set = parseXml(renderUrlset([{ loc: 'https://e.gov.cn/a?b=1&c=2', lastmod: new Date('2024-03-05T02:00:00Z') }]));
    expect(child(child(set, 'url'), 'loc').text).toBe('https://e.gov.cn/a?b=1&c=2');
    expect(child(child(set, 'url'), 'lastmod').text).toBe('2024-03-05T10:00:00+08:00');
    expect(parseXml(renderSitemapIndex([{ loc: 'https://e.gov.cn/sitemaps/pages.xml' }])).name).toBe('sitemapindex');
  });
});

// RSS 2.0 and Atom (RFC 4287) documents for an agency's or a column's newest items. Pure string building:
// every text goes through xmlText, every URL is absolute, every date is written in +08:00.

import { shanghaiIso, shanghaiRfc822 } from '../catalog.format.ts';

/** Characters XML 1.0 forbids anywhere (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute content, escaped; characters XML cannot carry are dropped. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface FeedEntry {
  title: string;
  /** absolute URL of the item page; also its id/guid (索引号 URLs never change) */
  url: string;
  published: Date;
  updated: Date;
  /** plain text */
  summary: string;
  /** 体裁 */
  category: string;
  /** the issuing agency */
  author: string;
}

export interface Feed {
  title: string;
  description: string;
  /** absolute URL of the page the feed mirrors */
  htmlUrl: string;
  /** absolute URLs of the feed in each format (self and alternate links) */
  rssUrl: string;
  atomUrl: string;
  /** who publishes it (Atom requires an author) */
  author: string;
  entries: FeedEntry[];
  /** when nothing is in the feed yet */
  fallbackUpdated: Date;
}

function latest(feed: Feed): Date {
  return feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), feed.entries[0]?.updated ?? feed.fallbackUpdated);
}

/** RSS 2.0 with an atom:link rel="self" (as the RSS Advisory Board recommends). */
export function renderRss(feed: Feed): string {
  const items = feed.entries
    .map(
      (e) => `    <item>
      <title>${xmlText(e.title)}</title>
      <link>${xmlText(e.url)}</link>
      <guid isPermaLink="true">${xmlText(e.url)}</guid>
      <pubDate>${shanghaiRfc822(e.published)}</pubDate>
      <category>${xmlText(e.category)}</category>
      <description>${xmlText(e.summary)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xmlText(feed.title)}</title>
    <link>${xmlText(feed.htmlUrl)}</link>
    <description>${xmlText(feed.description)}</description>
    <language>zh-CN</language>
    <lastBuildDate>${shanghaiRfc822(latest(feed))}</lastBuildDate>
    <atom:link href="${xmlText(feed.rssUrl)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function renderAtom(feed: Feed): string {
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${xmlText(e.url)}</id>
    <title>${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>
    <published>${shanghaiIso(e.published)}</published>
    <updated>${shanghaiIso(e.updated)}</updated>
    <author><name>${xmlText(e.author)}</name></author>
    <category term="${xmlText(e.category)}"/>
    <summary type="text">${xmlText(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlText(feed.atomUrl)}</id>
  <title>${xmlText(feed.title)}</title>
  <subtitle>${xmlText(feed.description)}</subtitle>
  <updated>${shanghaiIso(latest(feed))}</updated>
  <author><name>${xmlText(feed.author)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.atomUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.htmlUrl)}"/>
${entries}
</feed>
`;
}

// Item bodies are HTML written by staff or imported from old pages. Only an allow-list survives: structure
// (headings, paragraphs, lists, tables, quotes), emphasis, links with safe schemes, same-site images and
// same-site iframes. Scripts, event handlers, style attributes, SVG/MathML, forms, data: URLs and foreign
// iframes are removed. The page's title is the only <h1>, so body headings start at <h2>.

import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** The site's own origin, e.g. `https://www.cq.gov.cn`: absolute image and iframe URLs must use it. Relative URLs are always same-site. */
  siteOrigin?: string;
}

const ALLOWED_TAGS = [
  'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'br', 'hr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img', 'figure', 'figcaption', 'iframe',
  'strong', 'em', 'u', 's', 'sub', 'sup', 'blockquote', 'pre', 'code',
];

const ALIGN = { name: 'align', multiple: false, values: ['left', 'center', 'right', 'justify'] };

const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  iframe: ['src', 'title', 'width', 'height', 'allowfullscreen'],
  td: ['colspan', 'rowspan', ALIGN],
  th: ['colspan', 'rowspan', 'scope', ALIGN],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed'],
  p: [ALIGN],
  div: [ALIGN],
  h2: [ALIGN], h3: [ALIGN], h4: [ALIGN], h5: [ALIGN], h6: [ALIGN],
};

/** True for a relative URL (path, query or fragment) or an absolute http(s) URL on the site's origin. */
export function isSameSiteUrl(url: string, siteOrigin: string | undefined): boolean {
  const u = url.trim();
  if (u === '') return false;
  // protocol-relative `//host/…` and backslash tricks (`/\host`) are not relative
  if (/^[/\\]{2}/.test(u) || /^\/\\/.test(u)) return false;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) return true;
  if (!siteOrigin) return false;
  try {
    const parsed = new URL(u);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === new URL(siteOrigin).origin;
  } catch {
    return false;
  }
}

/** Cleans body HTML against the allow-list; the result is safe to render inside an item page. */
export function sanitizeBodyHtml(html: string, options: SanitizeOptions = {}): string {
  const siteHost = options.siteOrigin ? new URL(options.siteOrigin).hostname : null;
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedIframeHostnames: siteHost ? [siteHost] : [],
    allowIframeRelativeUrls: true,
    allowVulnerableTags: false,
    // dropped with everything inside them, not just unwrapped
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'object', 'embed', 'applet', 'xmp', 'title', 'head'],
    disallowedTagsMode: 'discard',
    transformTags: {
      h1: 'h2',
      b: 'strong',
      i: 'em',
      strike: 's',
    },
    // an image or iframe whose address did not survive (foreign, data:, javascript:) goes entirely
    exclusiveFilter: (frame) => (frame.tag === 'img' || frame.tag === 'iframe') && !isSameSiteUrl(frame.attribs.src ?? '', options.siteOrigin),
  });
}

/** Body text without markup (search indexing, snippets, the privacy check). */
export function htmlToPlainText(html: string): string {
  const marked = sanitizeHtml(html.replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi, (m) => `${m}\n`), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
  });
  return decodeBasicEntities(marked)
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** sanitize-html re-escapes only these five; undo them for plain text. */
export function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m);
}

// Turns one old page (plain text or HTML, UTF-8 or GB18030) into the fields of a draft item. Page chrome
// (the repeated title, 发布日期, 文件下载) is taken out of the body; the 公文 elements — 发文字号, 主送机关,
// 发文机关署名, 成文日期, 附注 “（此件公开发布）” — are read where 党政机关公文处理工作条例 第九条 puts them.

import type { IsoDate } from '../../../platform/calendar/workdays.ts';
import { findDocumentNumber, parseDocumentNumber } from '../document-number.ts';
import type { DisclosureMode } from '../taxonomy.ts';
import { findAttachmentLinks, findBodyContainer, findIndexCells, linesOf, metaContent, parseHtml, textOf, walk, type HtmlElement } from './html.ts';
import { headingMarkerOf, splitSentences } from './segment.ts';
import { buildParagraphs, classifyPiece, type ImportedParagraph, type Unit, type UnitKind } from './structure.ts';
import { cleanLine, DATE_PATTERN, escapeRegExp, parseLooseDate, splitTopLevel } from './text.ts';

export type { ImportedParagraph } from './structure.ts';

/** What the importer read from one page (the `--dry-run --json` output). */
export interface ParsedPage {
  title: string | null;
  /** normalized 发文字号, e.g. 渝府办发〔2018〕76号 */
  documentNumber: string | null;
  /** 发文机关 (the sign-off, else the page's 发布机构/来源, else the title's prefix before 关于) */
  issuer: string | null;
  writtenDate: IsoDate | null;
  publishedDate: IsoDate | null;
  disclosureMode: DisclosureMode | null;
  /** 主送机关 */
  recipients: string[];
  attachments: string[];
  paragraphs: ImportedParagraph[];
  /** what the importer could not settle, in Chinese, for the person migrating */
  warnings: string[];
}

interface Known {
  title: string | null;
  documentNumber: string | null;
  issuer: string | null;
  writtenDate: IsoDate | null;
  publishedDate: IsoDate | null;
  disclosureMode: DisclosureMode | null;
  attachments: string[];
}

const DATE_LABELS = ['发布日期', '发布时间', '公开日期', '成文日期', '发文日期', '印发日期'];
const TEXT_LABELS = ['索引号', '发文字号', '文号', '发文机关', '发布机构', '发布单位', '发文单位', '信息来源', '来源', '主题分类', '公开方式', '公开属性', '公开形式', '有效性', '浏览次数', '访问次数', '字号', '体裁分类', '组配分类'];
const ALL_LABELS = [...DATE_LABELS, ...TEXT_LABELS, '标题', '名称'];

function modeFromText(text: string): DisclosureMode | null {
  if (/不予公开|不公开/.test(text)) return 'withheld';
  if (/依申请/.test(text)) return 'on_request';
  if (/主动公开|公开发布|予以公开/.test(text)) return 'proactive';
  return null;
}

function issuerFromTitle(title: string | null): string | null {
  const m = title ? /^(.{2,40}?)关于/.exec(title) : null;
  return m?.[1] ?? null;
}

/** Applies label/value pairs (from a page's 信息索引) to what is known. */
function applyLabel(known: Known, sourceIssuer: { value: string | null }, label: string, value: string): void {
  const v = cleanLine(value);
  if (v === '') return;
  switch (label) {
    case '发布日期':
    case '发布时间':
    case '公开日期':
      known.publishedDate ??= parseLooseDate(v);
      return;
    case '成文日期':
    case '发文日期':
    case '印发日期':
      known.writtenDate ??= parseLooseDate(v);
      return;
    case '发文字号':
    case '文号': {
      const parsed = parseDocumentNumber(v);
      if (parsed.ok) known.documentNumber ??= parsed.value.normalized;
      return;
    }
    case '发文机关':
    case '发布机构':
    case '发布单位':
    case '发文单位':
      known.issuer ??= v;
      return;
    case '信息来源':
    case '来源':
      sourceIssuer.value ??= v;
      return;
    case '公开方式':
    case '公开属性':
    case '公开形式':
      known.disclosureMode ??= modeFromText(v);
      return;
    case '标题':
    case '名称':
      known.title ??= v;
      return;
    default:
      return;
  }
}

/** Reads a file's bytes as text: UTF-8 when it decodes cleanly, else the charset the page declares, else GB18030. */
export function decodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.slice(0, 2048));
    const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    // GB18030 is a superset of GBK and GB2312, and the best guess for an undeclared Chinese page
    return new TextDecoder(declared === 'big5' ? 'big5' : 'gb18030').decode(bytes);
  }
}

export function looksLikeHtml(text: string, fileName = ''): boolean {
  if (/\.(s?html?|xhtml|jsp|aspx?|php)$/i.test(fileName)) return true;
  if (/^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) return true;
  return /<(p|div|table)\b[^>]*>/i.test(text.slice(0, 4096)) && /<\/(p|div|td)>/i.test(text);
}

/** Parses one page; HTML is recognised by the file name or the content. */
export function parsePage(content: string | Uint8Array, fileName = ''): ParsedPage {
  const text = typeof content === 'string' ? content : decodePage(content);
  return looksLikeHtml(text, fileName) ? parseHtmlPage(text) : parseTextPage(text);
}

/** A plain-text page: a scrape, possibly with everything run together on a few long lines. */
export function parseTextPage(text: string): ParsedPage {
  const lines = text
    .replace(/<br\s*\/?>/gi, '')
    .replace(/<\/?[a-z][^>]*>/gi, '\n')
    .split(/\r?\n/)
    .map(cleanLine)
    .filter((l) => l !== '');
  const known: Known = { title: null, documentNumber: null, issuer: null, writtenDate: null, publishedDate: null, disclosureMode: null, attachments: [] };
  const first = lines[0] ?? '';
  const labelAt = first.search(new RegExp(`(${ALL_LABELS.join('|')})\\s*[:：]`));
  const candidate = (labelAt >= 0 ? first.slice(0, labelAt) : first).trim();
  // a title is a short line that is not a sentence, a salutation (主送机关：) or a numbered heading
  if (candidate.length >= 4 && [...candidate].length <= 120 && !/[。！？：:，,；;]$/.test(candidate) && !headingMarkerOf(candidate)) known.title = candidate;
  return parseBody(lines, known, null);
}

/** An HTML page: title and 信息索引 from the markup, body from its content container. */
export function parseHtmlPage(html: string): ParsedPage {
  const root = parseHtml(html);
  const known: Known = { title: null, documentNumber: null, issuer: null, writtenDate: null, publishedDate: null, disclosureMode: null, attachments: [] };
  const source = { value: null as string | null };
  known.title = metaContent(root, 'ArticleTitle', 'og:title', 'title');
  const h1 = [...walk(root)].find((e) => e.tag === 'h1' && cleanLine(textOf(e)) !== '');
  known.title ??= h1 ? cleanLine(textOf(h1)) : null;
  known.publishedDate = parseLooseDate(metaContent(root, 'PubDate', 'publishdate', 'firstpublishedtime', 'article:published_time') ?? '');
  const contentSource = metaContent(root, 'ContentSource');
  const index = findIndexCells(root, [...DATE_LABELS, ...TEXT_LABELS, '标题', '名称']);
  for (const [label, value] of index.pairs) applyLabel(known, source, label, value);
  source.value ??= contentSource;
  if (!known.title) {
    // <title> carries the site's name too: 标题_栏目_网站 or 标题 - 网站
    const t = [...walk(root)].find((e) => e.tag === 'title');
    const full = t ? cleanLine(textOf(t)) : '';
    known.title = full.split(/\s*[_|｜]\s*|\s+[-–—]\s+/)[0]?.trim() || null;
  }
  const attachments = findAttachmentLinks(root);
  known.attachments = attachments.names;
  const container = findBodyContainer(root);
  const skip = new Set<HtmlElement>([...index.tables, ...attachments.zones, ...[...walk(root)].filter((e) => e.tag === 'title')]);
  const lines = linesOf(container, skip);
  return parseBody(lines, known, source.value);
}

/** Scraped text puts several sections on one line; then line breaks mean nothing. */
function isRunTogether(lines: readonly string[]): boolean {
  return lines.some((l) => l.length > 600 || /[。）)](?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/.test(l));
}

/** Where page chrome was cut out: text on either side of it was not adjacent in the document. */
const CUT = '\n\uFDD2\n';

const AGENCY_END = '(?:人民政府|人民代表大会常务委员会|委员会|办公厅|办公室|政府|局|厅|委|办|部|署|院|中心|小组)';

function parseBody(inputLines: readonly string[], known: Known, sourceIssuer: string | null): ParsedPage {
  const warnings: string[] = [];
  const hardLines = !isRunTogether(inputLines);
  const specials: Unit[] = [];
  const special = (kind: UnitKind, text: string) => {
    specials.push({ kind, text, line: -1 });
    return `\n\uFDD0${specials.length - 1}\n`;
  };
  // line numbers survive as \uFDD1N markers so paragraphs can follow the source lines
  let body = inputLines.map((l, i) => `\uFDD1${i}\uFDD1${l}`).join('\n');
  const source = { value: sourceIssuer };

  // Labels: dates anywhere (unambiguous), other labels at a line or field start.
  body = body.replace(new RegExp(`(${DATE_LABELS.join('|')})\\s*[:：]\\s*(${DATE_PATTERN})(?:\\s*\\d{1,2}:\\d{2}(?::\\d{2})?)?`, 'gu'), (_m, label: string, value: string) => {
    applyLabel(known, source, label, value);
    return CUT;
  });
  body = body.replace(new RegExp(`(?<=^|[\\s\\uFDD1])(${TEXT_LABELS.join('|')})\\s*[:：]\\s*([^\\s：:]{0,80})`, 'gmu'), (_m, label: string, value: string) => {
    const cut = value.search(new RegExp(ALL_LABELS.join('|')));
    applyLabel(known, source, label, cut > 0 ? value.slice(0, cut) : value);
    return CUT;
  });

  // 文件下载: attachment names, then back to the body (scrapes run the next passage straight on).
  body = body.replace(/(?:文件下载|附件下载|相关附件|相关文件下载)[:：]?([^\n]*)/g, (_m, rest: string) => {
    const { names, remainder } = readAttachmentNames(rest, known.title);
    for (const n of names) if (!known.attachments.includes(n)) known.attachments.push(n);
    return `${CUT}${remainder}`;
  });

  // The title repeats as page chrome; a quoted 《title》 in the text stays.
  if (known.title) body = body.replace(new RegExp(`(?<!《)${escapeRegExp(known.title)}(?!》)`, 'g'), CUT);

  // 发文字号: the first one before the body text starts; cited numbers later in the text stay.
  const firstStop = body.search(/[。！？]/);
  const found = findDocumentNumber(firstStop >= 0 ? body.slice(0, firstStop) : body);
  const ownNumber = found ? body.slice(found.index, found.index + found.length) : null;
  if (found && !known.documentNumber) known.documentNumber = found.value.normalized;
  if (ownNumber) body = body.replace(new RegExp(`(?<![（(《〔])${escapeRegExp(ownNumber)}(?![）)》])`, 'g'), CUT);

  // 附注 “（此件公开发布）” and the sign-off: 发文机关署名 + 成文日期.
  body = body.replace(/[（(]此件([^（）()\n]{2,10})[）)]/g, (m, what: string) => {
    known.disclosureMode ??= modeFromText(what);
    return special('annotation', m.replace(/\(/g, '（').replace(/\)/g, '）'));
  });
  let signoffIssuer: string | null = null;
  const signoff = new RegExp(`(?<=^|[。！？\\n）)”\\uFDD1])([\\p{Script=Han}（）]{2,40}?${AGENCY_END})\\s*(?:\\uFDD1\\d+\\uFDD1)?\\s*(${DATE_PATTERN})(?=\\s*(?:$|\\n|[（(]此件)|[^\\d前后起至止内以及到为和、，的])`, 'gmu');
  body = body.replace(signoff, (_m, agency: string, date: string) => {
    const when = parseLooseDate(date);
    if (!when) return _m;
    signoffIssuer ??= agency;
    known.writtenDate ??= when;
    return special('signoff', agency) + special('signoff', date.replace(/\s+/g, ''));
  });

  // A cover notice (关于印发《X》的通知): X standing alone is the attached document's own title.
  const cover = known.title ? /关于(?:印发|转发|下发|颁布|公布)《?(.+?)》?的通知$/.exec(known.title) : null;
  const attachedTitle = cover?.[1] ?? null;
  if (attachedTitle) body = body.replace(new RegExp(`(?<![《\\p{Script=Han}])${escapeRegExp(attachedTitle)}(?![》的])`, 'gu'), () => special('subtitle', attachedTitle));

  // 主送机关: the first line of the text, ending in a colon, naming bodies.
  const firstText = body
    .split('\n')
    .map((l) => l.replace(/\uFDD1\d+\uFDD1/g, '').trim())
    .find((l) => l !== '' && !l.startsWith('\uFDD0') && l !== '\uFDD2');
  const recipientsLine = firstText ? /^([^。！？：:\n]{2,200}?)[：:]/.exec(firstText)?.[1] : undefined;
  let recipients: string[] = [];
  if (recipientsLine && /政府|部门|单位|机关|各|委|局|办|厅/.test(recipientsLine) && !/[。！？]/.test(recipientsLine)) {
    recipients = splitTopLevel(recipientsLine, '，、,;；');
    body = body.replace(new RegExp(`${escapeRegExp(recipientsLine)}[：:]`, 'g'), () => special('recipients', `${recipientsLine}：`));
  }

  // Units.
  const units: Unit[] = [];
  let line = 0;
  let cut = false;
  const push = (u: Unit) => {
    units.push(cut ? { ...u, afterCut: true } : u);
    cut = false;
  };
  for (const raw of body.split('\n')) {
    let piece = raw;
    piece = piece.replace(/\uFDD1(\d+)\uFDD1/g, (_m, n: string) => {
      line = Number(n);
      return '';
    });
    if (piece.trim() === '\uFDD2') {
      cut = true;
      continue;
    }
    const ref = /^\uFDD0(\d+)$/.exec(piece.trim());
    if (ref) {
      const s = specials[Number(ref[1])];
      if (s) push({ ...s, line });
      continue;
    }
    piece = cleanLine(piece);
    if (piece === '') continue;
    const sentences = splitSentences(piece);
    for (const sentence of sentences) push(classifyPiece(sentence, line, hardLines && sentences.length === 1));
  }
  const { paragraphs, warnings: structureWarnings } = buildParagraphs(units, { hardLines, isCoverNotice: attachedTitle !== null });
  warnings.push(...structureWarnings);

  const issuer = signoffIssuer ?? known.issuer ?? source.value ?? issuerFromTitle(known.title);
  if (!known.title) warnings.push('未能识别标题');
  if (!known.documentNumber) warnings.push('未能识别发文字号');
  if (!issuer) warnings.push('未能识别发文机关');
  if (!known.writtenDate) warnings.push('未能识别成文日期');
  if (!known.publishedDate) warnings.push('未能识别发布日期');
  if (!known.disclosureMode) warnings.push('页面未注明公开属性');
  if (known.writtenDate && known.publishedDate && known.publishedDate < known.writtenDate) warnings.push('发布日期早于成文日期，请核对');
  return {
    title: known.title,
    documentNumber: known.documentNumber,
    issuer,
    writtenDate: known.writtenDate,
    publishedDate: known.publishedDate,
    disclosureMode: known.disclosureMode,
    recipients,
    attachments: known.attachments,
    paragraphs,
    warnings,
  };
}

const FILE_NAME = /[^\s，,；;、]+?\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|jpe?g|png|gif|ceb)(?![a-z])/giu;

/** The attachment names right after a 文件下载 label, and the text after them. */
export function readAttachmentNames(rest: string, title: string | null): { names: string[]; remainder: string } {
  const text = rest.replace(/\uFDD1\d+\uFDD1/g, '');
  const trimmed = text.replace(/^[\s:：]+/, '');
  if (title && trimmed.startsWith(title)) {
    const ext = /^\.(?:pdf|docx?|xlsx?|wps|ofd)/i.exec(trimmed.slice(title.length))?.[0] ?? '';
    return { names: [title + ext], remainder: trimmed.slice(title.length + ext.length) };
  }
  const files = [...trimmed.matchAll(FILE_NAME)];
  if (files.length > 0) {
    const last = files[files.length - 1] as RegExpMatchArray;
    const names = files.map((m) => cleanLine(m[0]));
    return { names, remainder: trimmed.slice((last.index ?? 0) + last[0].length) };
  }
  // no file names: a name ends at a 文种 or before the next passage
  const stop = trimmed.search(/[（(](?:牵头|责任)|[。！？]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]/);
  const head = stop >= 0 ? trimmed.slice(0, stop) : trimmed;
  const byGenre = /^.{2,100}?(?:通知|意见|决定|办法|规定|方案|要点|细则|规划|报告|公告|通告|批复|函|表|清单|目录|指南)/u.exec(head);
  const name = cleanLine(byGenre?.[0] ?? ([...head].length <= 100 ? head : ''));
  return { names: name ? [name] : [], remainder: trimmed.slice(name ? trimmed.indexOf(name) + name.length : 0) };
}

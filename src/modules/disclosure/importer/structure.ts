// Rebuilds a document from its units: removes repeats, puts numbered sections back in order when a scrape
// shuffled them, re-attaches （牵头单位…） brackets, and groups sentences into paragraphs.
//
// Brackets. A task bracket closes the task before it. One that follows a sentence seen for the first time is
// trusted there. One that follows a repeat, a heading or nothing is suspect: dropped when the same bracket is
// trusted elsewhere, otherwise moved to the end of the section before the heading that follows it (it closed
// that section's last task), otherwise left in place; every suspect placement is reported.

import { RepeatIndex } from './dedupe.ts';
import { headingMarkerOf, isTaskBracket, MAX_HEADING_LENGTH, type HeadingLevel, type HeadingMarker } from './segment.ts';
import { compact } from './text.ts';

export type UnitKind = 'sentence' | 'heading' | 'bracket' | 'recipients' | 'signoff' | 'annotation' | 'subtitle';

export interface Unit {
  kind: UnitKind;
  text: string;
  /** source line, for inputs whose lines are real paragraphs */
  line: number;
  heading?: HeadingMarker;
  /** page chrome was cut out just before it, so what precedes it in the text did not precede it in the document */
  afterCut?: boolean;
}

/**
 * One block of the imported body. Heading levels: 1 一、 2 （一） 3 1． 4 （1）; level 0 is the title of a document
 * attached to a cover notice (印发/转发通知).
 */
export interface ImportedParagraph {
  kind: 'heading' | 'paragraph';
  level?: 0 | HeadingLevel;
  text: string;
}

export interface StructureOptions {
  /** each source line is a paragraph (HTML <p>); false for run-together scrapes */
  hardLines: boolean;
  /** a 印发/转发 notice: its sign-off comes before the attached document, not at the end */
  isCoverNotice: boolean;
}

/**
 * Classifies a text piece from the segmenter. A numbered piece is a heading when it has no full stop
 * (“一、总则”) or is a short run-in heading (“1．深入推进预决算公开。” followed by its text). `wholeLine`: the piece
 * is a source paragraph on its own, so a numbered single sentence there is a numbered paragraph, not a heading.
 */
export function classifyPiece(text: string, line: number, wholeLine = false): Unit {
  const marker = headingMarkerOf(text);
  if (isTaskBracket(text)) return { kind: 'bracket', text, line };
  if (!marker) return { kind: 'sentence', text, line };
  const hasStop = /[。！？；;]$/.test(text);
  if (!hasStop || (!wholeLine && [...text].length <= MAX_HEADING_LENGTH)) return { kind: 'heading', text, line, heading: marker };
  return { kind: 'sentence', text, line };
}

interface Slot {
  unit: Unit;
  id: number;
}

interface Block {
  heading: Slot | null;
  units: Slot[];
}

export function buildParagraphs(input: readonly Unit[], options: StructureOptions): { paragraphs: ImportedParagraph[]; warnings: string[] } {
  const warnings: string[] = [];
  const units = options.hardLines ? consistentNumbering(input) : input;

  // 1. Repeats out; remember, for each bracket, whether it follows a first-seen sentence and what follows it.
  const kept: Slot[] = [];
  const canonical = new Map<number, number>(); // raw index → id of the kept unit it repeats (or itself)
  const keptSentences: Slot[] = [];
  const sentenceIndex = new RepeatIndex();
  const keptOther = new Map<string, Slot>(); // kind + compact text → the kept heading, sign-off …
  type BracketInfo = { slot: Slot; trusted: boolean; nextRaw: number; anchor: Slot | undefined };
  const brackets: BracketInfo[] = [];
  let removed = 0;
  let previousKeptSentence = false;
  units.forEach((unit, raw) => {
    const slot: Slot = { unit, id: raw };
    switch (unit.kind) {
      case 'sentence': {
        const repeat = sentenceIndex.find(unit.text);
        const twin = repeat ? keptSentences[repeat.index] : undefined;
        if (repeat && twin) {
          if (repeat.moreComplete) {
            twin.unit = { ...twin.unit, text: unit.text };
            sentenceIndex.replace(repeat.index, unit.text);
          }
          canonical.set(raw, twin.id);
          removed++;
          previousKeptSentence = false;
          return;
        }
        kept.push(slot);
        keptSentences.push(slot);
        sentenceIndex.add(unit.text);
        canonical.set(raw, raw);
        previousKeptSentence = true;
        return;
      }
      case 'bracket':
        brackets.push({ slot, trusted: previousKeptSentence && !unit.afterCut, nextRaw: raw + 1, anchor: kept[kept.length - 1] });
        previousKeptSentence = false;
        return;
      case 'heading':
      case 'recipients':
      case 'signoff':
      case 'annotation':
      case 'subtitle': {
        previousKeptSentence = false;
        const key = `${unit.kind}|${compact(unit.text)}`;
        const twin = keptOther.get(key);
        if (twin) {
          canonical.set(raw, twin.id);
          removed++;
          return;
        }
        keptOther.set(key, slot);
        kept.push(slot);
        canonical.set(raw, raw);
        return;
      }
      default: {
        const unreachable: never = unit.kind;
        return unreachable;
      }
    }
  });

  // 2. Brackets: trusted ones go right after their sentence; suspect ones are dropped, anchored or left.
  const afterSlot = new Map<number, Slot[]>(); // kept id → brackets placed right after it
  const beforeHeading = new Map<number, Slot[]>(); // heading id → brackets closing the section before it
  const placed: string[] = [];
  const trustedTexts = new Set(brackets.filter((b) => b.trusted).map((b) => compact(b.slot.unit.text)));
  const leadingBrackets: Slot[] = [];
  for (const b of brackets) {
    const key = compact(b.slot.unit.text);
    const anchor = b.anchor;
    if (b.trusted) {
      if (anchor) afterSlot.set(anchor.id, [...(afterSlot.get(anchor.id) ?? []), b.slot]);
      continue;
    }
    if (trustedTexts.has(key) || placed.includes(key)) {
      removed++;
      continue;
    }
    placed.push(key);
    const nextUnit = units[b.nextRaw];
    const nextId = canonical.get(b.nextRaw);
    if (nextUnit?.kind === 'heading' && nextId !== undefined) {
      beforeHeading.set(nextId, [...(beforeHeading.get(nextId) ?? []), b.slot]);
      warnings.push(`括注“${shorten(b.slot.unit.text)}”原位置存疑，已移至“${shorten(nextUnit.text)}”之前一节的末尾`);
      continue;
    }
    if (anchor) afterSlot.set(anchor.id, [...(afterSlot.get(anchor.id) ?? []), b.slot]);
    else leadingBrackets.push(b.slot);
    warnings.push(`括注“${shorten(b.slot.unit.text)}”位置存疑，保留在原处，请人工核对`);
  }
  if (removed > 0) warnings.unshift(`已删除重复内容 ${removed} 处`);

  // 3. Blocks: the preamble, then one per heading.
  const preamble: Block = { heading: null, units: [...leadingBrackets] };
  const blocks: Block[] = [];
  let current = preamble;
  for (const slot of kept) {
    if (slot.unit.kind === 'heading') {
      current = { heading: slot, units: [] };
      blocks.push(current);
    } else current.units.push(slot);
    current.units.push(...(afterSlot.get(slot.id) ?? []));
  }

  // 4. Shuffled? Then put sections back in numbered order, with the sign-off where a 公文 has it.
  let ordered = [preamble, ...blocks];
  if (!isInNumberedOrder(blocks)) {
    const front = liftFrontMatter([preamble, ...blocks]);
    ordered = [preamble, ...orderBlocks(blocks)];
    if (options.isCoverNotice) preamble.units.push(...front);
    else ordered.push({ heading: null, units: front });
    warnings.push('正文段落顺序混乱，已按“一、（一）1．”编号恢复顺序；无编号的句子留在抓取时所在的一节，请人工核对');
  }
  for (const [headingId, slots] of beforeHeading) {
    const at = ordered.findIndex((b) => b.heading?.id === headingId);
    const target = at > 0 ? ordered[at - 1] : preamble;
    target?.units.push(...slots);
  }
  reportGaps(kept.map((k) => k.unit), warnings);

  // 5. Paragraphs.
  const paragraphs: ImportedParagraph[] = [];
  ordered.forEach((block, i) => {
    if (block.heading) {
      const h = block.heading.unit;
      const level = h.heading?.level ?? 1;
      paragraphs.push({ kind: 'heading', level, text: h.text });
      const next = ordered[i + 1]?.heading?.unit.heading;
      const hasChildren = next !== undefined && next.level > level;
      if (block.units.length === 0 && !hasChildren) warnings.push(`“${shorten(h.text)}”下没有正文，可能在抓取时丢失`);
    }
    let buffer: Slot[] = [];
    const flush = () => {
      if (buffer.length > 0) paragraphs.push({ kind: 'paragraph', text: buffer.map((s) => s.unit.text).join('') });
      buffer = [];
    };
    for (const slot of block.units) {
      const u = slot.unit;
      switch (u.kind) {
        case 'sentence':
          if (options.hardLines && buffer.length > 0 && (buffer[buffer.length - 1] as Slot).unit.line !== u.line) flush();
          buffer.push(slot);
          break;
        case 'bracket':
          buffer.push(slot);
          flush();
          break;
        case 'subtitle':
          flush();
          paragraphs.push({ kind: 'heading', level: 0, text: u.text });
          break;
        case 'heading':
        case 'recipients':
        case 'signoff':
        case 'annotation':
          flush();
          paragraphs.push({ kind: 'paragraph', text: u.text });
          break;
        default: {
          const unreachable: never = u.kind;
          return unreachable;
        }
      }
    }
    flush();
  });
  return { paragraphs, warnings };
}

function shorten(text: string, max = 16): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

function headingKey(b: Block): HeadingMarker | undefined {
  return b.heading?.unit.heading;
}

/** True when each heading's number follows on from the one before it at its level (numbering restarts below a higher level). */
function isInNumberedOrder(blocks: readonly Block[]): boolean {
  const last: number[] = [0, 0, 0, 0, 0];
  for (const b of blocks) {
    const h = headingKey(b);
    if (!h) continue;
    if (h.number <= (last[h.level] ?? 0)) return false;
    last[h.level] = h.number;
    for (let l = h.level + 1; l < last.length; l++) last[l] = 0;
  }
  return true;
}

/**
 * Takes the sign-off (机关署名, 成文日期, 附注) and the attached document's title and opening paragraph out of
 * wherever the shuffle put them. The opening paragraph is the sentences after the title up to the next heading,
 * except one a task bracket closes.
 */
function liftFrontMatter(blocks: Block[]): Slot[] {
  const front: Slot[] = [];
  for (const block of blocks) {
    const rest: Slot[] = [];
    let takingIntro = false;
    block.units.forEach((slot, i) => {
      const kind = slot.unit.kind;
      if (kind === 'signoff' || kind === 'annotation' || kind === 'subtitle') {
        front.push(slot);
        takingIntro = kind === 'subtitle';
        return;
      }
      if (takingIntro && kind === 'sentence' && block.units[i + 1]?.unit.kind !== 'bracket') {
        front.push(slot);
        return;
      }
      takingIntro = false;
      rest.push(slot);
    });
    block.units = rest;
  }
  const rank = (s: Slot) => ['signoff', 'annotation', 'subtitle', 'sentence'].indexOf(s.unit.kind);
  return front.sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

/**
 * Orders blocks by their numbers. A heading's parent is the nearest higher-level heading before it in the text,
 * except that heading n joins the section that holds its sibling n−1 when the text order would cut it off from
 * it. A heading that directly follows an empty higher-level heading (“二、…（五）…”) keeps that parent: numbering
 * that runs on across sections (（五） under 二、) is then respected.
 */
function orderBlocks(blocks: readonly Block[]): Block[] {
  const headed = blocks.filter((b) => b.heading);
  const level = (b: Block) => headingKey(b)?.level ?? 0;
  const number = (b: Block) => headingKey(b)?.number ?? 0;
  const textParent = new Map<Block, Block | null>();
  const locked = new Set<Block>();
  let lastAt: (Block | null)[] = [null, null, null, null, null];
  headed.forEach((b, i) => {
    let p: Block | null = null;
    for (let l = level(b) - 1; l >= 1 && !p; l--) p = lastAt[l] ?? null;
    textParent.set(b, p);
    const before = headed[i - 1];
    if (p && before === p && p.units.length === 0) locked.add(b);
    lastAt = lastAt.map((x, l) => (l === level(b) ? b : l > level(b) ? null : x));
  });
  const parent = new Map<Block, Block | null>();
  for (const l of [1, 2, 3, 4]) {
    const atLevel = headed.filter((b) => level(b) === l).sort((a, b) => number(a) - number(b) || headed.indexOf(a) - headed.indexOf(b));
    for (const b of atLevel) {
      const tp = textParent.get(b) ?? null;
      if (number(b) === 1 || locked.has(b)) {
        parent.set(b, tp);
        continue;
      }
      const siblingsOf = (p: Block | null) => atLevel.filter((x) => parent.has(x) && parent.get(x) === p);
      const families = [...new Set(atLevel.filter((x) => parent.has(x) && number(x) === number(b) - 1).map((x) => parent.get(x) ?? null))].filter((p) => !siblingsOf(p).some((x) => number(x) === number(b)));
      parent.set(b, families.includes(tp) || families.length !== 1 ? tp : (families[0] ?? tp));
    }
  }
  const out: Block[] = [];
  const visit = (p: Block | null) => {
    const kids = headed.filter((b) => parent.get(b) === p);
    kids.sort((a, b) => level(a) - level(b) || number(a) - number(b));
    for (const k of kids) {
      out.push(k);
      visit(k);
    }
  };
  visit(null);
  return out;
}

function reportGaps(units: readonly Unit[], warnings: string[]): void {
  const names: Record<HeadingLevel, (n: number) => string> = { 1: (n) => `${cn(n)}、`, 2: (n) => `（${cn(n)}）`, 3: (n) => `${n}．`, 4: (n) => `（${n}）` };
  const markers = units.map((u) => u.heading ?? (u.kind === 'sentence' ? headingMarkerOf(u.text) : null));
  for (const level of [1, 2] as const) {
    const nums = [...new Set(markers.filter((h) => h?.level === level).map((h) => h?.number ?? 0))].sort((a, b) => a - b);
    const max = nums[nums.length - 1] ?? 0;
    const missing: string[] = [];
    for (let n = 1; n < max; n++) if (!nums.includes(n)) missing.push(names[level](n));
    if (missing.length > 0) warnings.push(`缺少编号为 ${missing.join('')} 的标题，可能在抓取时丢失`);
  }
}

/**
 * In a page whose lines are paragraphs, numbering at one level is either headings or numbered paragraphs. When
 * some item at a level is a numbered paragraph (one full sentence on its line), a run-in “heading” at that level
 * is one too: “（二）本办法适用于…。评估每年开展一次。” stays one paragraph.
 */
function consistentNumbering(units: readonly Unit[]): Unit[] {
  const paragraphLevels = new Set(units.filter((u) => u.kind === 'sentence').map((u) => headingMarkerOf(u.text)?.level));
  return units.map((u, i) => {
    const next = units[i + 1];
    const runIn = next?.kind === 'sentence' && next.line === u.line && /[。！？；;]$/.test(u.text);
    return u.kind === 'heading' && u.heading && paragraphLevels.has(u.heading.level) && runIn ? { kind: 'sentence', text: u.text, line: u.line } : u;
  });
}

function cn(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n < 10) return d[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
}

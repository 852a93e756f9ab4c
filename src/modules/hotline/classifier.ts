// Dispatch suggestions (统一分派、归口办理): the 派单目录 (category × district → agency, kept by the 12345 center from each
// agency's 权责清单), a multinomial naive Bayes classifier over jieba tokens trained on past tickets (a job retrains it
// and stores the JSON), and keyword rules, combined into a ranked top 3 with the reason for each score.
//
// The classifier shrinks each agency's word distribution toward its group's (McCallum et al. 1998, "Improving text
// classification by shrinkage in a hierarchy of classes"): the 城市管理局 of six districts share how people describe
// their work, while each has only a sixth of the tickets. Groups come from the 派单目录 (agencies that take the same
// category in different districts); without groups every agency shrinks toward the whole corpus.
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { categoryLabel, categoryPath, findCategory } from './taxonomy.ts';
import { ticketSearchTokens, ticketWords } from './ticket-text.ts';

export const CLASSIFIER_FORMAT = 'gongkai.hotline.nb/1';

export const ClassifierModelSchema = Type.Object(
  {
    format: Type.Literal(CLASSIFIER_FORMAT),
    tokenizer: Type.Union([Type.Literal('words'), Type.Literal('search')]),
    /** count each token once per ticket (better on short texts) */
    binary: Type.Boolean(),
    /** Lidstone smoothing of the group distributions (of each label's when shrinkage is 0) */
    alpha: Type.Number({ exclusiveMinimum: 0 }),
    /** λ: the share of each word's probability taken from the label's group (Jelinek–Mercer); 0 = plain naive Bayes */
    shrinkage: Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
    labels: Type.Array(Type.String({ minLength: 1 })),
    /** group index of each label */
    labelGroups: Type.Array(Type.Integer({ minimum: 0 })),
    groups: Type.Array(Type.String({ minLength: 1 })),
    docCounts: Type.Array(Type.Integer({ minimum: 0 })),
    tokenTotals: Type.Array(Type.Number({ minimum: 0 })),
    vocabulary: Type.Array(Type.String()),
    /** per vocabulary entry: [labelIndex, count, labelIndex, count, …] */
    postings: Type.Array(Type.Array(Type.Number({ minimum: 0 }))),
    sampleCount: Type.Integer({ minimum: 0 }),
    trainedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
/** A trained classifier as stored (JSON). */
export type ClassifierModel = Static<typeof ClassifierModelSchema>;
const modelCheck = Compile(ClassifierModelSchema);

export interface TrainingSample {
  text: string;
  /** the agency code that handled it */
  label: string;
  /** extra tokens, e.g. '@d:500103' for the district */
  features?: readonly string[];
}

export interface TrainOptions {
  tokenizer?: 'words' | 'search';
  binary?: boolean;
  alpha?: number;
  shrinkage?: number;
  /** the group a label shrinks toward (see labelGroupsFromDirectory); default: one group for all */
  groupOf?: (label: string) => string;
  /** tokens seen in fewer tickets are dropped */
  minDocFrequency?: number;
  trainedAt?: Date | null;
}

/** Defaults tuned on `npm run bench -- dispatch`. */
export const DEFAULT_TRAIN_OPTIONS = { tokenizer: 'search', binary: true, alpha: 0.05, shrinkage: 0.6 } as const;

function tokenize(tokenizer: 'words' | 'search', text: string, features: readonly string[] = []): string[] {
  const tokens = tokenizer === 'search' ? ticketSearchTokens(text) : ticketWords(text);
  return features.length ? [...tokens, ...features] : tokens;
}

/** Trains a classifier from (text, agency) pairs. Deterministic: labels, groups and vocabulary are sorted. */
export function trainClassifier(samples: Iterable<TrainingSample>, options: TrainOptions = {}): ClassifierModel {
  const tokenizer = options.tokenizer ?? DEFAULT_TRAIN_OPTIONS.tokenizer;
  const binary = options.binary ?? DEFAULT_TRAIN_OPTIONS.binary;
  const alpha = options.alpha ?? DEFAULT_TRAIN_OPTIONS.alpha;
  const shrinkage = options.shrinkage ?? DEFAULT_TRAIN_OPTIONS.shrinkage;
  const minDf = options.minDocFrequency ?? 1;
  const docs: { label: string; tokens: string[] }[] = [];
  const df = new Map<string, number>();
  for (const s of samples) {
    let tokens = tokenize(tokenizer, s.text, s.features);
    if (binary) tokens = [...new Set(tokens)];
    docs.push({ label: s.label, tokens });
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const groupNames = labels.map((l) => options.groupOf?.(l) ?? '*');
  const groups = [...new Set(groupNames)].sort();
  const labelGroups = groupNames.map((g) => groups.indexOf(g));
  const vocabulary = [...df.entries()].filter(([, n]) => n >= minDf).map(([t]) => t).sort();
  const vocabIndex = new Map(vocabulary.map((t, i) => [t, i]));
  const docCounts = labels.map(() => 0);
  const tokenTotals = labels.map(() => 0);
  const counts: Map<number, number>[] = vocabulary.map(() => new Map());
  for (const d of docs) {
    const li = labelIndex.get(d.label) as number;
    docCounts[li] = (docCounts[li] ?? 0) + 1;
    for (const t of d.tokens) {
      const vi = vocabIndex.get(t);
      if (vi === undefined) continue;
      const m = counts[vi] as Map<number, number>;
      m.set(li, (m.get(li) ?? 0) + 1);
      tokenTotals[li] = (tokenTotals[li] ?? 0) + 1;
    }
  }
  const postings = counts.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]).flat());
  return {
    format: CLASSIFIER_FORMAT,
    tokenizer,
    binary,
    alpha,
    shrinkage,
    labels,
    labelGroups,
    groups,
    docCounts,
    tokenTotals,
    vocabulary,
    postings,
    sampleCount: docs.length,
    trainedAt: options.trainedAt ? options.trainedAt.toISOString() : null,
  };
}

export function serializeClassifier(model: ClassifierModel): string {
  return JSON.stringify(model);
}

/** Reads a stored model, checking its shape and consistency. Throws RangeError with a Chinese message. */
export function parseClassifier(json: string | unknown): ClassifierModel {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new RangeError('分类模型不是有效的 JSON');
    }
  }
  if (!modelCheck.Check(value)) {
    const first = [...modelCheck.Errors(value)][0];
    throw new RangeError(`分类模型格式不正确：${first ? `${first.instancePath || '/'} ${first.message}` : '未知错误'}`);
  }
  const m = value;
  const n = m.labels.length;
  if (m.docCounts.length !== n || m.tokenTotals.length !== n || m.labelGroups.length !== n) throw new RangeError('分类模型不一致：类别计数与类别数不符');
  if (m.labelGroups.some((g) => g >= m.groups.length)) throw new RangeError('分类模型不一致：分组下标越界');
  if (m.postings.length !== m.vocabulary.length) throw new RangeError('分类模型不一致：词表与计数不符');
  for (const p of m.postings) {
    if (p.length % 2 !== 0) throw new RangeError('分类模型不一致：计数不成对');
    for (let i = 0; i < p.length; i += 2) if (!Number.isInteger(p[i]) || (p[i] as number) >= n) throw new RangeError('分类模型不一致：类别下标越界');
  }
  return m;
}

interface Posting {
  at: Int32Array;
  values: Float64Array;
}

/**
 * A model ready to score. For a ticket with known tokens t₁…tₙ:
 * score(l) = logPrior(l) + n_words·perToken(l) + n_features·perFeature(l) + Σ groupBoost(t, group(l)) + Σ labelBoost(t, l).
 */
export interface CompiledClassifier {
  model: ClassifierModel;
  vocab: Map<string, number>;
  logPrior: Float64Array;
  labelGroup: Int32Array;
  groupCount: number;
  perToken: Float64Array;
  /** feature tokens ('@…', e.g. the district) are never shrunk: they are what tells the group's members apart */
  isFeature: Uint8Array;
  perFeature: Float64Array;
  groupBoosts: Posting[];
  labelBoosts: Posting[];
  /** per token: its mean contribution over labels (to explain a score by the words that lift it most) */
  meanLift: Float64Array;
}

const compiled = new WeakMap<ClassifierModel, CompiledClassifier>();
const EMPTY: Posting = { at: new Int32Array(0), values: new Float64Array(0) };

export function compileClassifier(model: ClassifierModel): CompiledClassifier {
  const hit = compiled.get(model);
  if (hit) return hit;
  const L = model.labels.length;
  const V = Math.max(1, model.vocabulary.length);
  const { alpha, shrinkage: lambda } = model;
  const total = model.docCounts.reduce((a, b) => a + b, 0);
  const logPrior = new Float64Array(L);
  // a smoothed prior, so a label seen once is not ruled out by the prior alone
  for (let l = 0; l < L; l++) logPrior[l] = Math.log(((model.docCounts[l] ?? 0) + 1) / (total + L));
  const perToken = new Float64Array(L);
  const perFeature = new Float64Array(L);
  for (let l = 0; l < L; l++) perFeature[l] = Math.log(alpha / ((model.tokenTotals[l] ?? 0) + alpha * V));
  const isFeature = Uint8Array.from(model.vocabulary, (t) => (t.startsWith('@') ? 1 : 0));
  const plainBoosts = (p: readonly number[]): Posting => {
    const at = new Int32Array(p.length / 2);
    const values = new Float64Array(p.length / 2);
    for (let i = 0; i < p.length; i += 2) {
      at[i / 2] = p[i] as number;
      values[i / 2] = Math.log(((p[i + 1] as number) + alpha) / alpha);
    }
    return { at, values };
  };
  let labelGroup: Int32Array;
  let groupCount: number;
  let groupBoosts: Posting[];
  let labelBoosts: Posting[];
  if (lambda === 0) {
    // plain naive Bayes: each label is its own group; P(t|l) = (c + α) / (T_l + αV)
    labelGroup = Int32Array.from({ length: L }, (_, i) => i);
    groupCount = L;
    perToken.set(perFeature);
    groupBoosts = model.postings.map(plainBoosts);
    labelBoosts = model.postings.map(() => EMPTY);
  } else {
    // shrinkage: P(t|l) = (1 − λ)·c_lt/T_l + λ·P(t|g) = (c_lt + β_l·P(t|g)) / (T_l + β_l) with β_l = T_l·λ/(1 − λ),
    // and P(t|g) = (c_gt + α) / (T_g + αV). A label never seen with any word takes its group's distribution.
    labelGroup = Int32Array.from(model.labelGroups);
    const beta = Float64Array.from(model.tokenTotals, (t) => Math.max(t, 1) * (lambda / (1 - lambda)));
    groupCount = model.groups.length;
    const groupTotals = new Float64Array(groupCount);
    for (let l = 0; l < L; l++) {
      const g = labelGroup[l] as number;
      groupTotals[g] = (groupTotals[g] as number) + (model.tokenTotals[l] ?? 0);
    }
    for (let l = 0; l < L; l++) {
      const g = labelGroup[l] as number;
      const b = beta[l] as number;
      perToken[l] = Math.log((b * alpha) / ((groupTotals[g] as number) + alpha * V)) - Math.log((model.tokenTotals[l] ?? 0) + b);
    }
    groupBoosts = [];
    labelBoosts = [];
    const gc = new Float64Array(groupCount);
    for (const [vi, p] of model.postings.entries()) {
      if (isFeature[vi]) {
        groupBoosts.push(EMPTY);
        labelBoosts.push(plainBoosts(p));
        continue;
      }
      const touched: number[] = [];
      for (let i = 0; i < p.length; i += 2) {
        const g = labelGroup[p[i] as number] as number;
        if (gc[g] === 0) touched.push(g);
        gc[g] = (gc[g] as number) + (p[i + 1] as number);
      }
      touched.sort((a, b) => a - b);
      const gAt = Int32Array.from(touched);
      const gValues = Float64Array.from(touched, (g) => Math.log(((gc[g] as number) + alpha) / alpha));
      const lAt = new Int32Array(p.length / 2);
      const lValues = new Float64Array(p.length / 2);
      for (let i = 0; i < p.length; i += 2) {
        const l = p[i] as number;
        const g = labelGroup[l] as number;
        const bp = ((beta[l] as number) * ((gc[g] as number) + alpha)) / ((groupTotals[g] as number) + alpha * V);
        lAt[i / 2] = l;
        lValues[i / 2] = Math.log(((p[i + 1] as number) + bp) / bp);
      }
      for (const g of touched) gc[g] = 0;
      groupBoosts.push({ at: gAt, values: gValues });
      labelBoosts.push({ at: lAt, values: lValues });
    }
  }
  const groupSize = new Float64Array(groupCount);
  for (let l = 0; l < L; l++) {
    const g = labelGroup[l] as number;
    groupSize[g] = (groupSize[g] as number) + 1;
  }
  const meanLift = Float64Array.from(groupBoosts, (gb, vi) => {
    let sum = 0;
    for (let i = 0; i < gb.at.length; i++) sum += (groupSize[gb.at[i] as number] as number) * (gb.values[i] as number);
    const lb = labelBoosts[vi] as Posting;
    for (let i = 0; i < lb.values.length; i++) sum += lb.values[i] as number;
    return sum / Math.max(1, L);
  });
  const c: CompiledClassifier = {
    model,
    vocab: new Map(model.vocabulary.map((t, i) => [t, i])),
    logPrior,
    labelGroup,
    groupCount,
    perToken,
    isFeature,
    perFeature,
    groupBoosts,
    labelBoosts,
    meanLift,
  };
  compiled.set(model, c);
  return c;
}

export interface LabelScore {
  label: string;
  /** posterior probability, 0..1 */
  probability: number;
  logScore: number;
  /** the ticket's words that speak most for this label */
  evidence: string[];
}

/** Ranks labels for already-tokenized text (features included). */
export function classifyTokens(c: CompiledClassifier, tokens: readonly string[], k = 3): LabelScore[] {
  const L = c.logPrior.length;
  if (L === 0) return [];
  const gScore = new Float64Array(c.groupCount);
  const lScore = new Float64Array(L);
  const known: number[] = [];
  let features = 0;
  const seen = c.model.binary ? new Set<number>() : null;
  for (const t of tokens) {
    const vi = c.vocab.get(t);
    if (vi === undefined || seen?.has(vi)) continue;
    seen?.add(vi);
    known.push(vi);
    if (c.isFeature[vi]) features++;
    const gb = c.groupBoosts[vi] as Posting;
    for (let i = 0; i < gb.at.length; i++) {
      const g = gb.at[i] as number;
      gScore[g] = (gScore[g] as number) + (gb.values[i] as number);
    }
    const lb = c.labelBoosts[vi] as Posting;
    for (let i = 0; i < lb.at.length; i++) {
      const l = lb.at[i] as number;
      lScore[l] = (lScore[l] as number) + (lb.values[i] as number);
    }
  }
  const words = known.length - features;
  const scores = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    scores[l] =
      (c.logPrior[l] as number) +
      words * (c.perToken[l] as number) +
      features * (c.perFeature[l] as number) +
      (gScore[c.labelGroup[l] as number] as number) +
      (lScore[l] as number);
  }
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (const s of scores) sum += Math.exp(s - max);
  return topIndices(scores, k).map((l) => ({
    label: c.model.labels[l] as string,
    probability: Math.exp((scores[l] as number) - max) / sum,
    logScore: scores[l] as number,
    evidence: evidenceFor(c, known, l),
  }));
}

/** Indices of the k highest scores, highest first (ties: lower index first). */
function topIndices(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i] as number;
    if (top.length === k && v <= (scores[top[k - 1] as number] as number)) continue;
    let at = top.length;
    while (at > 0 && v > (scores[top[at - 1] as number] as number)) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

function boostAt(p: Posting, index: number): number {
  const i = p.at.indexOf(index);
  return i < 0 ? 0 : (p.values[i] as number);
}

function evidenceFor(c: CompiledClassifier, known: readonly number[], label: number): string[] {
  const g = c.labelGroup[label] as number;
  const scored: [string, number][] = [];
  for (const vi of new Set(known)) {
    const mine = boostAt(c.groupBoosts[vi] as Posting, g) + boostAt(c.labelBoosts[vi] as Posting, label);
    const lift = mine - (c.meanLift[vi] as number);
    const token = c.model.vocabulary[vi] as string;
    if (mine > 0 && lift > 0 && !token.startsWith('@')) scored.push([token, lift]);
  }
  return scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([t]) => t);
}

/** Ranks agencies for a ticket's text. */
export function classify(model: ClassifierModel | CompiledClassifier, text: string, options: { k?: number; features?: readonly string[] } = {}): LabelScore[] {
  const c = 'vocab' in model ? model : compileClassifier(model);
  return classifyTokens(c, tokenize(c.model.tokenizer, text, options.features), options.k ?? 3);
}

/** The district feature token used in training and suggestions. */
export function districtFeature(district: string | null | undefined): string[] {
  return district ? [`@d:${district}`] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// 派单目录

export interface DirectoryEntry {
  categoryCode: string;
  /** 区县 division code; null = every district */
  district: string | null;
  agencyCode: string;
  assistingCodes?: readonly string[];
}

export interface DispatchDirectory {
  entries: readonly DirectoryEntry[];
  byKey: Map<string, DirectoryEntry>;
}

const dirKey = (category: string, district: string | null) => `${category}|${district ?? '*'}`;

/** Indexes the 派单目录. Throws RangeError naming each category × district listed twice. */
export function buildDirectory(entries: readonly DirectoryEntry[]): DispatchDirectory {
  const byKey = new Map<string, DirectoryEntry>();
  const dup: string[] = [];
  for (const e of entries) {
    const k = dirKey(e.categoryCode, e.district);
    if (byKey.has(k)) dup.push(`${categoryLabel(e.categoryCode)} × ${e.district ?? '全市'}`);
    byKey.set(k, e);
  }
  if (dup.length) throw new RangeError(`派单目录重复：${dup.join('；')}`);
  return { entries, byKey };
}

/**
 * Groups of agencies that take the same categories in different districts (e.g. every district's 城市管理局), for the
 * classifier's shrinkage: agency code → group name (the group's first code). Agencies never listed are left out.
 */
export function labelGroupsFromDirectory(entries: readonly DirectoryEntry[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    for (let x = a; x !== r; ) {
      const next = parent.get(x) as string;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  const byCategory = new Map<string, string[]>();
  for (const e of entries) {
    if (!parent.has(e.agencyCode)) parent.set(e.agencyCode, e.agencyCode);
    byCategory.set(e.categoryCode, [...(byCategory.get(e.categoryCode) ?? []), e.agencyCode]);
  }
  for (const codes of byCategory.values()) {
    const [first, ...rest] = codes;
    for (const c of rest) {
      const [a, b] = [find(first as string), find(c)];
      // the smaller code becomes the root, so group names do not depend on the order of entries
      if (a < b) parent.set(b, a);
      else if (b < a) parent.set(a, b);
    }
  }
  return new Map([...parent.keys()].map((a) => [a, find(a)]));
}

export interface DirectoryHit {
  entry: DirectoryEntry;
  /** 1 for the category itself in the district; lower for 全市 entries and parent categories */
  score: number;
  /** the category level the entry was found at */
  matchedCategory: string;
  districtSpecific: boolean;
}

/** The most specific entry: the category, then its parents; at each level the district's entry before the 全市 one. */
export function lookupDirectory(dir: DispatchDirectory, categoryCode: string | null, district: string | null): DirectoryHit | null {
  if (!categoryCode) return null;
  const path = categoryPath(categoryCode).map((c) => c.code).reverse();
  let score = 1;
  for (const code of path.length ? path : [categoryCode]) {
    if (district) {
      const e = dir.byKey.get(dirKey(code, district));
      if (e) return { entry: e, score, matchedCategory: code, districtSpecific: true };
    }
    const cityWide = dir.byKey.get(dirKey(code, null));
    if (cityWide) return { entry: cityWide, score: score * 0.9, matchedCategory: code, districtSpecific: false };
    score *= 0.8;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyword rules

export interface KeywordRule {
  keywords: readonly string[];
  agencyCode: string;
  /** 0..1; default 1 */
  weight?: number;
  /** only for tickets in this district */
  district?: string | null;
}

export interface KeywordHit {
  agencyCode: string;
  score: number;
  keywords: string[];
}

/** Agencies whose rules match the text (substring match, case-insensitive), each with its best weight. */
export function matchKeywordRules(rules: readonly KeywordRule[], text: string, district: string | null): KeywordHit[] {
  const lower = text.toLowerCase();
  const out = new Map<string, KeywordHit>();
  for (const r of rules) {
    if (r.district && r.district !== district) continue;
    const hits = r.keywords.filter((k) => k.length > 0 && lower.includes(k.toLowerCase()));
    if (!hits.length) continue;
    const w = Math.min(1, Math.max(0, r.weight ?? 1));
    const prev = out.get(r.agencyCode);
    if (!prev) out.set(r.agencyCode, { agencyCode: r.agencyCode, score: w, keywords: hits });
    else {
      prev.score = Math.max(prev.score, w);
      for (const h of hits) if (!prev.keywords.includes(h)) prev.keywords.push(h);
    }
  }
  return [...out.values()];
}

/** Keyword rules derived from the taxonomy's keywords and the directory (a starting set for the center to edit). */
export function keywordRulesFromDirectory(entries: readonly DirectoryEntry[], weight = 0.8): KeywordRule[] {
  const rules: KeywordRule[] = [];
  for (const e of entries) {
    const keywords = findCategory(e.categoryCode)?.keywords ?? [];
    if (keywords.length) rules.push({ keywords, agencyCode: e.agencyCode, weight, district: e.district });
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions

export interface SuggestInput {
  text: string;
  categoryCode: string | null;
  district: string | null;
}

export interface SuggestContext {
  directory: DispatchDirectory | readonly DirectoryEntry[];
  model: ClassifierModel | CompiledClassifier | null;
  keywordRules: readonly KeywordRule[];
  weights?: { directory: number; classifier: number; keywords: number };
  k?: number;
  names?: { agencies?: ReadonlyMap<string, string>; districts?: ReadonlyMap<string, string> };
}

export interface AgencySuggestion {
  agencyCode: string;
  agencyName: string | null;
  /** 0..1 */
  score: number;
  parts: { directory: number; classifier: number; keywords: number };
  /** 协办 units the directory names with it */
  assistingCodes: string[];
  /** one line per source, in Chinese */
  reasons: string[];
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The top-k agencies for a ticket, each with its score and why. */
export function suggestAgencies(input: SuggestInput, ctx: SuggestContext): AgencySuggestion[] {
  const k = ctx.k ?? DEFAULT_HOTLINE_CONFIG.dispatch.suggestions;
  const w = ctx.weights ?? DEFAULT_HOTLINE_CONFIG.dispatch.weights;
  const dir = 'byKey' in ctx.directory ? ctx.directory : buildDirectory(ctx.directory);
  const district = input.district ? (ctx.names?.districts?.get(input.district) ?? input.district) : null;
  // weights are shared among the sources that exist, so a center without a trained model still gets scores up to 1
  const avail = {
    directory: dir.entries.length > 0 ? w.directory : 0,
    classifier: ctx.model ? w.classifier : 0,
    keywords: ctx.keywordRules.length > 0 ? w.keywords : 0,
  };
  const total = avail.directory + avail.classifier + avail.keywords || 1;
  const acc = new Map<string, AgencySuggestion>();
  const get = (code: string): AgencySuggestion => {
    let s = acc.get(code);
    if (!s) {
      s = { agencyCode: code, agencyName: null, score: 0, parts: { directory: 0, classifier: 0, keywords: 0 }, assistingCodes: [], reasons: [] };
      acc.set(code, s);
    }
    return s;
  };

  const hit = lookupDirectory(dir, input.categoryCode, input.district);
  if (hit) {
    const s = get(hit.entry.agencyCode);
    s.parts.directory = Math.round(hit.score * 1000) / 1000;
    s.assistingCodes = [...(hit.entry.assistingCodes ?? [])];
    const where = hit.districtSpecific ? (district ?? '') : '全市';
    const parent = hit.matchedCategory !== input.categoryCode ? `（按上级类别“${findCategory(hit.matchedCategory)?.name ?? hit.matchedCategory}”）` : '';
    s.reasons.push(`派单目录：${categoryLabel(input.categoryCode as string)} × ${where}${parent}`);
  }
  if (ctx.model) {
    const tokensFeatures = districtFeature(input.district);
    for (const r of classify(ctx.model, input.text, { k: Math.max(k, 5), features: tokensFeatures })) {
      if (r.probability < 0.01) continue;
      const s = get(r.label);
      s.parts.classifier = Math.round(r.probability * 1000) / 1000;
      s.reasons.push(`文本分类：与以往工单相似，概率 ${pct(r.probability)}${r.evidence.length ? `（关键词：${r.evidence.join('、')}）` : ''}`);
    }
  }
  for (const h of matchKeywordRules(ctx.keywordRules, input.text, input.district)) {
    const s = get(h.agencyCode);
    s.parts.keywords = h.score;
    s.reasons.push(`关键词规则：命中“${h.keywords.join('”“')}”`);
  }
  const out = [...acc.values()];
  for (const s of out) {
    s.score = Math.round(((avail.directory * s.parts.directory + avail.classifier * s.parts.classifier + avail.keywords * s.parts.keywords) / total) * 1000) / 1000;
  }
  return out
    .sort((a, b) => b.score - a.score || a.agencyCode.localeCompare(b.agencyCode))
    .slice(0, k)
    .map((s) => ({ ...s, agencyName: ctx.names?.agencies?.get(s.agencyCode) ?? null }));
}

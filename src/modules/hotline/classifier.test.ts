import { describe, expect, it } from 'vitest';
import {
  CLASSIFIER_FORMAT,
  buildDirectory,
  classify,
  compileClassifier,
  districtFeature,
  keywordRulesFromDirectory,
  labelGroupsFromDirectory,
  lookupDirectory,
  matchKeywordRules,
  parseClassifier,
  serializeClassifier,
  suggestAgencies,
  trainClassifier,
  type DirectoryEntry,
  type TrainingSample,
} from './classifier.ts';

const YZ = '500103';
const JB = '500105';

const SAMPLES: TrainingSample[] = [
  { text: '八一路路面有个大坑，电动车差点摔倒', label: 'yz-cgj', features: districtFeature(YZ) },
  { text: '解放碑附近道路破损严重，坑洼积水', label: 'yz-cgj', features: districtFeature(YZ) },
  { text: '小区门口的路灯坏了好几天，晚上很黑', label: 'yz-cgj', features: districtFeature(YZ) },
  { text: '观音桥路面塌陷，出现一个大坑', label: 'jb-cgj', features: districtFeature(JB) },
  { text: '北城天街旁道路破损，车辆颠簸', label: 'jb-cgj', features: districtFeature(JB) },
  { text: '公司拖欠三个月工资不发，老板失联', label: 'yz-rlsbj', features: districtFeature(YZ) },
  { text: '工地包工头拖欠农民工工资，过年回不了家', label: 'yz-rlsbj', features: districtFeature(YZ) },
  { text: '公积金提取需要什么材料，线上能办吗', label: 'cq-gjj', features: districtFeature(JB) },
  { text: '公积金贷款额度怎么计算，多久能放款', label: 'cq-gjj', features: districtFeature(YZ) },
  { text: '住房公积金异地转移怎么办理', label: 'cq-gjj', features: districtFeature(JB) },
];

const model = trainClassifier(SAMPLES, { trainedAt: new Date('2025-10-20T00:00:00Z') });

describe('the naive Bayes classifier', () => {
  it('trains deterministically', () => {
    expect(model.format).toBe(CLASSIFIER_FORMAT);
    expect(model.labels).toEqual(['cq-gjj', 'jb-cgj', 'yz-cgj', 'yz-rlsbj']);
    expect(model.docCounts).toEqual([3, 2, 3, 2]);
    expect(model.sampleCount).toBe(10);
    expect([...model.vocabulary].sort()).toEqual(model.vocabulary);
    expect(model.trainedAt).toBe('2025-10-20T00:00:00.000Z');
    expect(serializeClassifier(trainClassifier(SAMPLES, { trainedAt: new Date('2025-10-20T00:00:00Z') }))).toBe(serializeClassifier(model));
  });

  it('ranks agencies with probabilities and the words that speak for them', () => {
    const r = classify(model, '单位拖欠工资两个月了', { features: districtFeature(YZ) });
    expect(r).toHaveLength(3);
    expect(r[0]?.label).toBe('yz-rlsbj');
    expect(r[0]?.evidence).toContain('拖欠');
    const ps = r.map((x) => x.probability);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(classify(model, '公积金怎么提取', { k: 1 })[0]?.label).toBe('cq-gjj');
  });

  it('uses the district to tell the district agencies apart', () => {
    expect(classify(model, '路面破损有大坑', { features: districtFeature(YZ) })[0]?.label).toBe('yz-cgj');
    expect(classify(model, '路面破损有大坑', { features: districtFeature(JB) })[0]?.label).toBe('jb-cgj');
    expect(districtFeature(null)).toEqual([]);
  });

  it('falls back to the priors for words it never saw', () => {
    const r = classify(model, 'zzz qqq', { k: 4 });
    expect(r.map((x) => x.label).slice(0, 2).sort()).toEqual(['cq-gjj', 'yz-cgj']);
    expect(r[0]?.evidence).toEqual([]);
  });

  it('survives a JSON round trip with the same answers', () => {
    const back = parseClassifier(serializeClassifier(model));
    expect(back).toEqual(model);
    for (const text of ['路灯坏了', '拖欠工资', '公积金贷款']) expect(classify(back, text)).toEqual(classify(model, text));
  });

  it('refuses a broken model', () => {
    expect(() => parseClassifier('{')).toThrow('分类模型不是有效的 JSON');
    expect(() => parseClassifier({ ...model, format: 'other' })).toThrow(/分类模型格式不正确/);
    expect(() => parseClassifier({ ...model, docCounts: [1] })).toThrow(/类别计数/);
    expect(() => parseClassifier({ ...model, postings: model.postings.slice(1) })).toThrow(/词表与计数/);
    expect(() => parseClassifier({ ...model, postings: model.postings.map(() => [0]) })).toThrow(/不成对/);
    expect(() => parseClassifier({ ...model, postings: model.postings.map(() => [9, 1]) })).toThrow(/越界/);
    expect(() => parseClassifier({ ...model, labelGroups: [0] })).toThrow(/类别计数/);
    expect(() => parseClassifier({ ...model, labelGroups: model.labelGroups.map(() => 3) })).toThrow(/分组下标越界/);
    expect(() => parseClassifier({ ...model, shrinkage: 1 })).toThrow(/格式不正确/);
  });

  it('handles an empty training set, word tokenization and counted tokens', () => {
    expect(classify(trainClassifier([]), '路灯坏了')).toEqual([]);
    const words = trainClassifier(SAMPLES, { tokenizer: 'words', binary: false });
    expect(words.tokenizer).toBe('words');
    expect(words.vocabulary.length).toBeLessThan(model.vocabulary.length);
    expect(classify(words, '公司老板拖欠工资', { features: districtFeature(YZ) })[0]?.label).toBe('yz-rlsbj');
    const pruned = trainClassifier(SAMPLES, { minDocFrequency: 2 });
    expect(pruned.vocabulary.length).toBeLessThan(model.vocabulary.length);
    expect(pruned.vocabulary).toContain('公积金');
  });

  it('lends a sparse agency its group\'s words, but never its group\'s district (shrinkage)', () => {
    const few: TrainingSample[] = [
      { text: '观音桥路面塌陷，出现一个大坑', label: 'jb-cgj', features: districtFeature(JB) },
      { text: '北城天街旁道路破损，路面坑洼', label: 'jb-cgj', features: districtFeature(JB) },
      { text: '五里店路面破损严重，有大坑', label: 'jb-cgj', features: districtFeature(JB) },
      { text: '小区门口的路灯坏了', label: 'yz-cgj', features: districtFeature(YZ) },
      { text: '公司拖欠三个月工资不发', label: 'yz-rlsbj', features: districtFeature(YZ) },
      { text: '包工头拖欠农民工工资', label: 'yz-rlsbj', features: districtFeature(YZ) },
    ];
    const query = { features: districtFeature(YZ), k: 3 };
    const groups = labelGroupsFromDirectory(ENTRIES);
    const grouped = trainClassifier(few, { groupOf: (l) => groups.get(l) ?? '*' });
    expect(grouped.groups).toEqual(['jb-cgj', 'yz-rlsbj']);
    expect(grouped.labelGroups).toEqual([0, 0, 1]);
    const g = classify(grouped, '路面破损有大坑', query);
    expect(g[0]?.label).toBe('yz-cgj');
    expect(g[0]?.evidence.length).toBeGreaterThan(0);
    const plain = classify(trainClassifier(few, { shrinkage: 0 }), '路面破损有大坑', query);
    const p = (r: typeof g, l: string) => r.find((x) => x.label === l)?.probability ?? 0;
    expect(p(g, 'yz-cgj')).toBeGreaterThan(p(plain, 'yz-cgj'));
    // the district still decides between the group's members
    expect(classify(grouped, '路面破损有大坑', { features: districtFeature(JB) })[0]?.label).toBe('jb-cgj');
  });

  it('caches the compiled model', () => {
    expect(compileClassifier(model)).toBe(compileClassifier(model));
  });
});

const ENTRIES: DirectoryEntry[] = [
  { categoryCode: '010101', district: YZ, agencyCode: 'yz-cgj', assistingCodes: ['yz-zjw'] },
  { categoryCode: '010101', district: JB, agencyCode: 'jb-cgj' },
  { categoryCode: '0101', district: null, agencyCode: 'cq-cgj' },
  { categoryCode: '050102', district: YZ, agencyCode: 'yz-rlsbj' },
  { categoryCode: '090302', district: null, agencyCode: 'cq-gjj' },
];
const directory = buildDirectory(ENTRIES);

describe('the 派单目录', () => {
  it('finds the most specific entry', () => {
    expect(lookupDirectory(directory, '010101', YZ)).toMatchObject({ entry: { agencyCode: 'yz-cgj' }, score: 1, districtSpecific: true, matchedCategory: '010101' });
    expect(lookupDirectory(directory, '090302', YZ)).toMatchObject({ entry: { agencyCode: 'cq-gjj' }, score: 0.9, districtSpecific: false });
    // 路灯故障 has no entry of its own: the parent 市政设施 gives the city bureau
    const parent = lookupDirectory(directory, '010103', YZ);
    expect(parent).toMatchObject({ entry: { agencyCode: 'cq-cgj' }, matchedCategory: '0101' });
    expect(parent?.score).toBeCloseTo(0.72);
    expect(lookupDirectory(directory, '070101', YZ)).toBeNull();
    expect(lookupDirectory(directory, null, YZ)).toBeNull();
  });
  it('refuses the same category × district twice', () => {
    expect(() => buildDirectory([...ENTRIES, { categoryCode: '010101', district: YZ, agencyCode: 'x' }])).toThrow('派单目录重复：城乡建设 / 市政设施 / 道路破损 × 500103');
  });
});

describe('agency groups from the directory', () => {
  it('joins the agencies that take one category in different districts', () => {
    const g = labelGroupsFromDirectory([...ENTRIES, { categoryCode: '020201', district: YZ, agencyCode: 'yz-cgj' }, { categoryCode: '020201', district: '500106', agencyCode: 'spb-cgj' }]);
    expect(g.get('yz-cgj')).toBe('jb-cgj');
    expect(g.get('jb-cgj')).toBe('jb-cgj');
    expect(g.get('spb-cgj')).toBe('jb-cgj');
    expect(g.get('cq-gjj')).toBe('cq-gjj');
    expect(g.get('unknown')).toBeUndefined();
  });
});

describe('keyword rules', () => {
  it('matches substrings, keeps the best weight and honours districts', () => {
    const rules = [
      { keywords: ['欠薪', '工资'], agencyCode: 'yz-rlsbj', weight: 0.6, district: YZ },
      { keywords: ['农民工'], agencyCode: 'yz-rlsbj', weight: 0.9, district: YZ },
      { keywords: ['工资'], agencyCode: 'jb-rlsbj', district: JB },
      { keywords: [''], agencyCode: 'empty' },
    ];
    expect(matchKeywordRules(rules, '农民工工资被拖欠', YZ)).toEqual([{ agencyCode: 'yz-rlsbj', score: 0.9, keywords: ['工资', '农民工'] }]);
    expect(matchKeywordRules(rules, '农民工工资被拖欠', JB)).toEqual([{ agencyCode: 'jb-rlsbj', score: 1, keywords: ['工资'] }]);
    expect(matchKeywordRules(rules, '路灯坏了', YZ)).toEqual([]);
  });
  it('derives a starting set from the taxonomy keywords', () => {
    const rules = keywordRulesFromDirectory(ENTRIES);
    expect(rules.find((r) => r.agencyCode === 'cq-gjj')).toEqual({ keywords: ['公积金', '提取', '公积金贷款'], agencyCode: 'cq-gjj', weight: 0.8, district: null });
    expect(rules.some((r) => r.agencyCode === 'cq-cgj')).toBe(false); // 市政设施 is a branch without keywords
  });
});

describe('suggestAgencies', () => {
  const keywordRules = keywordRulesFromDirectory(ENTRIES);
  const names = { agencies: new Map([['yz-cgj', '渝中区城市管理局']]), districts: new Map([[YZ, '渝中区']]) };

  it('combines the directory, the classifier and keyword rules into a top 3 with reasons', () => {
    const s = suggestAgencies({ text: '八一路路面破损，有个大坑', categoryCode: '010101', district: YZ }, { directory, model, keywordRules, names });
    expect(s.length).toBeLessThanOrEqual(3);
    expect(s[0]?.agencyCode).toBe('yz-cgj');
    expect(s[0]?.agencyName).toBe('渝中区城市管理局');
    expect(s[0]?.assistingCodes).toEqual(['yz-zjw']);
    expect(s[0]?.reasons[0]).toBe('派单目录：城乡建设 / 市政设施 / 道路破损 × 渝中区');
    expect(s[0]?.reasons.some((r) => r.startsWith('文本分类：与以往工单相似，概率'))).toBe(true);
    expect(s[0]?.reasons.some((r) => r.startsWith('关键词规则：命中“'))).toBe(true);
    expect(s[0]?.score).toBeGreaterThan(0.8);
    const scores = s.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const x of s) expect(x.score).toBeLessThanOrEqual(1);
  });

  it('lets the text win when the agent picked no category', () => {
    const s = suggestAgencies({ text: '公积金提取要带什么材料', categoryCode: null, district: YZ }, { directory, model, keywordRules });
    expect(s[0]?.agencyCode).toBe('cq-gjj');
    expect(s[0]?.parts.directory).toBe(0);
  });

  it('explains a parent-category match', () => {
    const s = suggestAgencies({ text: '路灯坏了', categoryCode: '010103', district: YZ }, { directory, model: null, keywordRules: [] });
    expect(s).toEqual([
      {
        agencyCode: 'cq-cgj',
        agencyName: null,
        score: 0.72,
        parts: { directory: 0.72, classifier: 0, keywords: 0 },
        assistingCodes: [],
        reasons: ['派单目录：城乡建设 / 市政设施 / 路灯故障 × 全市（按上级类别“市政设施”）'],
      },
    ]);
  });

  it('shares the weights among the sources that exist and honours k', () => {
    const onlyModel = suggestAgencies({ text: '拖欠工资', categoryCode: null, district: YZ }, { directory: [], model, keywordRules: [], k: 1 });
    expect(onlyModel).toHaveLength(1);
    expect(onlyModel[0]?.score).toBeCloseTo(onlyModel[0]?.parts.classifier ?? -1, 3);
    expect(suggestAgencies({ text: '', categoryCode: null, district: null }, { directory: [], model: null, keywordRules: [] })).toEqual([]);
  });

  it('accepts custom weights', () => {
    const s = suggestAgencies(
      { text: '公积金提取', categoryCode: '010101', district: YZ },
      { directory, model, keywordRules, weights: { directory: 0, classifier: 1, keywords: 0 } },
    );
    expect(s[0]?.agencyCode).toBe('cq-gjj');
  });
});

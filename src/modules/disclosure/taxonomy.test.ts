import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_TEMPLATE,
  DISCLOSURE_MODE_IDS,
  disclosureModeName,
  flattenCatalogTemplate,
  GENRES,
  genreName,
  INTERPRETATION_FORMS,
  isDisclosureMode,
  isGenreId,
  isInterpretationForm,
  isPolicyCategoryId,
  isTopicId,
  isValidity,
  isWithholdingReason,
  POLICY_CATEGORIES,
  TOPIC_IDS,
  topicLabel,
  TOPICS,
  topTopicId,
  VALIDITY_IDS,
  validityName,
  WITHHOLDING_REASONS,
  withholdingReasonLabel,
} from './taxonomy.ts';

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

describe('主题分类', () => {
  it('has the State Council classes in the order of the issue, each id unique', () => {
    expect(TOPICS.map((t) => t.name)).toEqual([
      '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '农业、林业、水利', '工业、交通', '商贸、海关、旅游',
      '市场监管、安全生产监管', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育', '人口与计划生育、妇女儿童工作',
      '劳动、人事、监察', '公安、安全、司法', '民政、扶贫、救灾', '民族、宗教', '对外事务', '港澳台侨工作', '国防', '行政事务', '综合政务', '其他',
    ]);
    expect(unique(TOPIC_IDS)).toBe(true);
  });

  it('gives sub-classes ids under their class and a two-part label', () => {
    for (const t of TOPICS) for (const c of t.children) expect(c.id.startsWith(`${t.id}.`)).toBe(true);
    expect(topicLabel('general_affairs.openness')).toBe('综合政务 / 政务公开');
    expect(topicLabel('finance')).toBe('财政、金融、审计');
    expect(topTopicId('finance.audit')).toBe('finance');
    expect(topTopicId('finance')).toBe('finance');
    expect(topicLabel('nope')).toBeNull();
    expect(topTopicId('nope')).toBeNull();
    expect(isTopicId('construction_environment.meteorology')).toBe(true);
    expect(isTopicId('finance.')).toBe(false);
  });

  it('marks the class that is not in the source as uncertain', () => {
    expect(TOPICS.filter((t) => t.uncertain).map((t) => t.name)).toEqual(['行政事务']);
  });
});

describe('fixed vocabularies', () => {
  it('lists the genres of the issue with unique ids, 公文 genres marked', () => {
    expect(GENRES.slice(0, 12).map((g) => g.name)).toEqual(['规章', '行政规范性文件', '其他文件', '通知公告', '工作动态', '政策解读', '规划计划', '统计数据', '人事信息', '财政信息', '政府信息公开年报', '建议提案办理']);
    expect(unique(GENRES.map((g) => g.id))).toBe(true);
    expect(GENRES.filter((g) => g.isDocument).map((g) => g.id)).toEqual(['rule', 'normative', 'other_document']);
    expect(genreName('normative')).toBe('行政规范性文件');
    expect(isGenreId('notice')).toBe(true);
    expect(isGenreId('规章')).toBe(false);
  });

  it('has the five policy categories of 渝府办发〔2018〕76号', () => {
    expect(POLICY_CATEGORIES.map((c) => c.name)).toEqual(['行政执法', '企业减负', '惠民利民', '财政奖补', '招标投标']);
    expect(isPolicyCategoryId('tendering')).toBe(true);
    expect(isPolicyCategoryId('subsidy')).toBe(false);
  });

  it('has 公开属性 with 主动公开 first and the seven legal reasons of 条例 第十四至十六条', () => {
    expect(DISCLOSURE_MODE_IDS).toEqual(['proactive', 'on_request', 'withheld']);
    expect(disclosureModeName('on_request')).toBe('依申请公开');
    expect(isDisclosureMode('public')).toBe(false);
    expect(WITHHOLDING_REASONS.map((r) => r.id)).toEqual(['EX14-SECRET', 'EX14-LAW', 'EX14-SAFETY', 'EX15-THIRD', 'EX16-INTERNAL', 'EX16-PROCESS', 'EX16-CASEFILE']);
    expect(WITHHOLDING_REASONS.filter((r) => !r.mandatory).map((r) => r.id)).toEqual(['EX16-INTERNAL', 'EX16-PROCESS', 'EX16-CASEFILE']);
    expect(withholdingReasonLabel('EX16-PROCESS')).toBe('过程性信息（条例第十六条第二款）');
    expect(isWithholdingReason('EX17-X')).toBe(false);
  });

  it('has 有效性 and the interpretation forms', () => {
    expect(VALIDITY_IDS).toEqual(['valid', 'expired', 'repealed']);
    expect(validityName('repealed')).toBe('废止');
    expect(isValidity('void')).toBe(false);
    expect(INTERPRETATION_FORMS.map((f) => f.name)).toEqual(['文字', '图解', '视频', '新闻发布会', '在线访谈', '问答']);
    expect(isInterpretationForm('qa')).toBe(true);
    expect(isInterpretationForm('podcast')).toBe(false);
  });

  it('uses the same ids as the CHECK constraints of migration 0010', () => {
    const sql = readFileSync(new URL('../../../migrations/0010__disclosure__items.sql', import.meta.url), 'utf8');
    const listOf = (constraint: string) => [...(new RegExp(`${constraint} CHECK \\(\\w+ IN \\(([^)]*)\\)`).exec(sql)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(listOf('items_validity_check')).toEqual([...VALIDITY_IDS]);
    expect(listOf('item_revisions_disclosure_mode_check')).toEqual([...DISCLOSURE_MODE_IDS]);
  });
});

describe('主动公开基本目录 template', () => {
  it('holds the nodes of the issue, 重点领域 with its five children', () => {
    expect(CATALOG_TEMPLATE.map((n) => n.name)).toEqual(['机构职能', '法规文件', '规划计划', '财政信息（预决算）', '重点领域', '政策解读', '人事信息', '建议提案办理', '权责清单', '政府信息公开指南', '政府信息公开年报', '依申请公开']);
    expect(CATALOG_TEMPLATE.find((n) => n.key === 'key_areas')?.children.map((n) => n.name)).toEqual(['重大建设项目', '公共资源配置', '社会公益事业', '招商引资', '营商环境']);
  });

  it('flattens depth-first with parent keys and positions, keys unique and within the name limit', () => {
    const flat = flattenCatalogTemplate();
    expect(flat).toHaveLength(17);
    expect(unique(flat.map((n) => n.key))).toBe(true);
    expect(flat.find((n) => n.key === 'investment')).toMatchObject({ parentKey: 'key_areas', position: 3 });
    expect(flat.find((n) => n.key === 'requests')).toMatchObject({ parentKey: null, kind: 'entry', position: 11 });
    expect(flat.every((n) => n.name.length >= 1 && n.name.length <= 60)).toBe(true);
    expect(flat.every((n) => n.genres.every((g) => isGenreId(g)))).toBe(true);
  });
});

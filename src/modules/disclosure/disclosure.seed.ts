// Demo data of 政务公开: the seed document (渝府办发〔2018〕76号) imported from its old page as 市政府办公厅
// published it, and a handful of items published through the items service by the demo staff (so they carry
// real 索引号 and audit rows): a 规划计划, a 预算公开, a 通知公告, a 重大政策 with its 政策解读, and a 失效
// document with the one that replaces it. Idempotent: an item whose 发文字号, or title and 成文日期, exists is
// left alone.

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import type { Deps } from '../../deps.ts';
import { DEMO_STAFF } from '../staff/index.ts';
import { findAgencyRefByCode, findUserByUsername } from '../staff/staff.repository.ts';
import { findTemplateNode } from './catalog.repository.ts';
import { findExistingImport, importPages } from './importer/import.service.ts';
import { findItem } from './items.repository.ts';
import type { NewItemDraft } from './items.schema.ts';

export const SEED_DOCUMENT = fileURLToPath(new URL('./importer/fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url));
const SEED_ACTOR: AuditActor = { system: 'seed' };

type SeedDeps = Pick<Deps, 'db' | 'agencies' | 'config' | 'calendar' | 'items'>;

/** A demo account as the actor it signs in as (staff.seed.ts); the system seed actor when it is absent. */
async function demoActor(deps: SeedDeps, username: string): Promise<AuditActor> {
  const spec = DEMO_STAFF.find((u) => u.username === username);
  const user = await findUserByUsername(deps.db, username);
  const agency = spec ? await findAgencyRefByCode(deps.db, spec.agency) : undefined;
  if (!spec || !user || !agency) return SEED_ACTOR;
  const actor: Actor = { userId: user.id, username: user.username, name: user.name, grants: [{ role: spec.role, agencyId: agency.id, includeSubtree: spec.includeSubtree }] };
  return actor;
}

async function nodeIds(deps: SeedDeps, agencyId: string, keys: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of keys) {
    const node = await findTemplateNode(deps.db, agencyId, key);
    if (node && !node.retiredAt) out.push(node.id);
  }
  return out;
}

interface DemoItem {
  agency: string;
  editor: string;
  reviewer: string;
  nodes: readonly string[];
  draft: Omit<NewItemDraft, 'agencyId' | 'catalogNodeIds'>;
}

const p = (...paras: string[]) => paras.map((t) => `<p>${t}</p>`).join('\n');

const PLAN: DemoItem = {
  agency: 'cq-fgw',
  editor: 'fgw-editor',
  reviewer: 'seed',
  nodes: ['plans'],
  draft: {
    title: '重庆市发展和改革委员会关于印发重庆市2019年国民经济和社会发展计划的通知',
    documentNumber: '渝发改发〔2019〕211号',
    writtenDate: '2019-02-25',
    publishedDate: '2019-03-04',
    subject: 'economy.macro',
    genre: 'plan',
    keywords: ['国民经济', '发展计划'],
    summary: '2019年全市经济社会发展的主要预期目标和重点任务。',
    bodyHtml: p('各区县（自治县）发展改革委，市级有关部门：', '《重庆市2019年国民经济和社会发展计划》已经市五届人大二次会议审议批准，现印发给你们，请结合实际认真组织实施。', '全市地区生产总值预期增长6%左右，城乡居民人均可支配收入增长与经济增长基本同步。'),
  },
};

const BUDGET: DemoItem = {
  agency: 'cq-czj',
  editor: 'seed',
  reviewer: 'seed',
  nodes: ['fiscal'],
  draft: {
    title: '重庆市财政局2019年部门预算公开说明',
    writtenDate: '2019-02-12',
    publishedDate: '2019-02-18',
    subject: 'finance.fiscal',
    genre: 'fiscal',
    keywords: ['部门预算', '预算公开'],
    summary: '市财政局2019年部门收支预算、“三公”经费预算及有关情况说明。',
    bodyHtml: p('一、部门基本情况', '二、部门收支预算情况：2019年收入预算合计1.32亿元，支出预算合计1.32亿元。', '三、“三公”经费预算情况：2019年“三公”经费预算168万元，比上年减少12万元。', '四、其他重要事项情况说明'),
  },
};

const NOTICE: DemoItem = {
  agency: 'cq-bgt',
  editor: 'bgt-editor',
  reviewer: 'bgt-reviewer',
  nodes: [],
  draft: {
    title: '重庆市人民政府办公厅关于开展2019年政府网站与政务新媒体检查的通知',
    writtenDate: '2019-04-08',
    publishedDate: '2019-04-10',
    subject: 'general_affairs.e_government',
    genre: 'notice',
    bodyHtml: p('各区县（自治县）人民政府，市政府各部门：', '为落实国务院办公厅关于政府网站与政务新媒体检查的要求，市政府办公厅将于2019年5月组织开展全市政府网站与政务新媒体检查，请各单位做好自查整改。'),
  },
};

const MAJOR_POLICY: DemoItem = {
  agency: 'cq-bgt',
  editor: 'bgt-editor',
  reviewer: 'bgt-reviewer',
  nodes: ['regulations'],
  draft: {
    title: '重庆市人民政府办公厅关于进一步优化营商环境的实施意见',
    documentNumber: '渝府办发〔2019〕36号',
    writtenDate: '2019-03-20',
    publishedDate: '2019-03-27',
    subject: 'general_affairs.other',
    genre: 'normative',
    isMajorPolicy: true,
    policyTags: ['burden_relief', 'law_enforcement'],
    keywords: ['营商环境', '放管服'],
    recipients: '各区县（自治县）人民政府，市政府各部门，有关单位',
    bodyHtml: p('为深入推进“放管服”改革，进一步优化营商环境，经市政府同意，提出如下实施意见。', '一、压减企业开办时间，2019年底前全市企业开办时间压缩至5个工作日以内。', '二、降低企业用能、物流和融资成本。', '三、规范涉企行政执法，全面推行行政执法公示制度。', '本意见自印发之日起施行，有效期5年。'),
  },
};

const INTERPRETATION = (policyId: string): DemoItem => ({
  agency: 'cq-bgt',
  editor: 'bgt-editor',
  reviewer: 'bgt-reviewer',
  nodes: ['interpretations'],
  draft: {
    title: '《重庆市人民政府办公厅关于进一步优化营商环境的实施意见》政策解读',
    writtenDate: '2019-03-25',
    publishedDate: '2019-03-27',
    subject: 'general_affairs.other',
    genre: 'interpretation',
    interpretationForm: 'qa',
    interpretsItemIds: [policyId],
    bodyHtml: p('问：《实施意见》出台的背景是什么？', '答：为贯彻落实国务院关于优化营商环境的部署，进一步激发市场主体活力。', '问：企业开办时间压缩到多少？', '答：2019年底前全市企业开办时间压缩至5个工作日以内。'),
  },
});

const OLD_RULES: DemoItem = {
  agency: 'cq-bgt',
  editor: 'bgt-editor',
  reviewer: 'bgt-reviewer',
  nodes: ['regulations'],
  draft: {
    title: '重庆市人民政府办公厅关于印发重庆市政府信息公开保密审查办法的通知',
    documentNumber: '渝府办发〔2016〕30号',
    writtenDate: '2016-03-02',
    publishedDate: '2016-03-09',
    subject: 'general_affairs.secrecy',
    genre: 'normative',
    bodyHtml: p('各区县（自治县）人民政府，市政府各部门：', '《重庆市政府信息公开保密审查办法》已经市政府同意，现印发给你们，请认真贯彻执行。', '政府信息公开前，应当依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查。'),
  },
};

const NEW_RULES: DemoItem = {
  ...OLD_RULES,
  draft: {
    ...OLD_RULES.draft,
    title: '重庆市人民政府办公厅关于印发重庆市政府信息公开审查办法的通知',
    documentNumber: '渝府办发〔2019〕52号',
    writtenDate: '2019-05-08',
    publishedDate: '2019-05-15',
    bodyHtml: p('各区县（自治县）人民政府，市政府各部门：', '《重庆市政府信息公开审查办法》已经市政府同意，现印发给你们，请认真贯彻执行。', '《重庆市人民政府办公厅关于印发重庆市政府信息公开保密审查办法的通知》（渝府办发〔2016〕30号）同时废止。'),
  },
};

/** Drafts, submits, reviews (保密审查) and — unless `hold` — publishes one demo item; its id either way. */
async function publishDemo(deps: SeedDeps, spec: DemoItem, opts: { hold?: boolean } = {}): Promise<{ itemId: string; revisionId: string; version: number; created: boolean }> {
  const agency = await deps.agencies.getAgencyByCode(spec.agency);
  const existing = await findExistingImport(deps.db, { title: spec.draft.title, writtenDate: spec.draft.writtenDate, documentNumber: spec.draft.documentNumber ?? null });
  if (existing) return { itemId: '', revisionId: '', version: 0, created: false };
  const editor = await demoActor(deps, spec.editor);
  const reviewer = await demoActor(deps, spec.reviewer);
  const { item, revision } = await deps.items.createDraft(editor, { ...spec.draft, agencyId: agency.id, catalogNodeIds: await nodeIds(deps, agency.id, spec.nodes) });
  const submitted = await deps.items.submit(editor, revision.id, revision.version);
  const reviewed = await deps.items.confirmSecrecyReview(reviewer, submitted.id, submitted.version);
  if (opts.hold) return { itemId: item.id, revisionId: reviewed.id, version: reviewed.version, created: true };
  const published = await deps.items.publish(reviewer, reviewed.id, reviewed.version);
  if (!published.ok) throw new Error(`seedDisclosure: 《${spec.draft.title}》 was not published: ${published.message}`);
  return { itemId: item.id, revisionId: published.revision.id, version: published.revision.version, created: true };
}

/** Loads the disclosure demo data (after agencies, catalogs and staff). Idempotent. */
export async function seedDisclosure(deps: SeedDeps): Promise<void> {
  const imported = await importPages(deps, {
    files: [{ path: SEED_DOCUMENT, label: path.basename(SEED_DOCUMENT) }],
    agencyCode: 'cq-bgt',
    subject: 'general_affairs.openness',
    catalogTemplateKeys: ['regulations'],
  });
  if (imported.failed.length > 0) throw new Error(`seedDisclosure: the seed document failed to import: ${imported.failed.map((f) => f.reason).join('; ')}`);

  await publishDemo(deps, PLAN);
  await publishDemo(deps, BUDGET);
  await publishDemo(deps, NOTICE);

  // 重大政策: the interpretation is drafted and reviewed first, then both publish in one action
  const policy = await publishDemo(deps, MAJOR_POLICY, { hold: true });
  if (policy.created) {
    await publishDemo(deps, INTERPRETATION(policy.itemId), { hold: true });
    const reviewer = await demoActor(deps, MAJOR_POLICY.reviewer);
    const published = await deps.items.publish(reviewer, policy.revisionId, policy.version);
    if (!published.ok) throw new Error(`seedDisclosure: the major policy was not published: ${published.message}`);
  }

  // 失效: the 2016 办法 is replaced by the 2019 one
  const old = await publishDemo(deps, OLD_RULES);
  const replacement = await publishDemo(deps, NEW_RULES);
  if (old.created && replacement.created) {
    const reviewer = await demoActor(deps, OLD_RULES.reviewer);
    const item = await findItem(deps.db, old.itemId);
    if (!item) throw new Error('seedDisclosure: the 2016 办法 is missing');
    await deps.items.revoke(reviewer, item.id, item.version, { validity: 'expired', effectiveDate: '2019-05-15', reason: '已被《重庆市政府信息公开审查办法》（渝府办发〔2019〕52号）替代', replacedByItemId: replacement.itemId });
  }
}

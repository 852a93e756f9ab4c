// Demo 知识库 entries: common 咨询 a city's 12345 answers every day, each owned by the unit that provides the answer
// (谁提供、谁维护、谁更新). Idempotent: seeds an empty knowledge base only. Answers are generic demo text, not policy.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { KbService } from './kb.service.ts';

const ENTRIES: { owner: string; categoryCode: string; title: string; answer: string; keywords: string; legalBasis?: string }[] = [
  {
    owner: 'cq-gjj',
    categoryCode: '090302',
    title: '购房提取住房公积金需要什么材料',
    answer: '职工购买自住住房的，可申请提取本人住房公积金账户余额。一般需提供本人身份证、购房合同或不动产权证书、购房发票及本人银行卡。可通过住房公积金网上服务大厅或各管理部柜台办理，材料齐全的一般在3个工作日内到账。（演示数据）',
    keywords: '公积金，提取，购房，材料',
    legalBasis: '《住房公积金管理条例》第二十四条',
  },
  {
    owner: 'cq-mzj',
    categoryCode: '080202',
    title: '高龄津贴如何申领',
    answer: '具有本市户籍、年满80周岁的老年人可申领高龄津贴。本人或家属持身份证、户口簿到户籍所在地社区（村）提出申请，经街道（乡镇）审核后按月发放。（演示数据）',
    keywords: '高龄津贴，高龄补贴，老年人',
  },
  {
    owner: 'cq-mzj',
    categoryCode: '080201',
    title: '低保申请条件和办理地点',
    answer: '共同生活的家庭成员人均收入低于当地城乡低保标准，且家庭财产符合规定的，可向户籍所在地街道办事处或乡镇人民政府申请最低生活保障，也可委托村（居）民委员会代为提出申请。（演示数据）',
    keywords: '低保，最低生活保障，救助',
    legalBasis: '《社会救助暂行办法》第十一条',
  },
  {
    owner: 'cq',
    categoryCode: '100102',
    title: '身份证丢失如何补办',
    answer: '居民身份证丢失的，可到户籍所在地或居住地的公安派出所、出入境和户政服务窗口申请补领，本地户籍居民可在全市范围内异地办理。办理时需现场采集人像和指纹，按规定缴纳工本费。（演示数据）',
    keywords: '身份证，补办，丢失，挂失',
    legalBasis: '《中华人民共和国居民身份证法》第十一条',
  },
  {
    owner: 'cq',
    categoryCode: '060101',
    title: '义务教育阶段入学报名时间',
    answer: '义务教育阶段入学实行划片就近入学，具体报名时间、划片范围和所需材料以各区县教育行政部门每年发布的招生公告为准，一般在每年5月至7月。（演示数据）',
    keywords: '入学，招生，划片，报名',
  },
];

export async function seedKnowledgeBase(deps: Pick<Deps, 'db' | 'agencies'> & { kb: KbService }): Promise<void> {
  const r = await deps.db.execute<{ present: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM hotline_kb_entries) AS present`);
  if (r.rows[0]?.present === true) return;
  const all = await deps.agencies.listAgencies();
  const byCode = new Map(all.map((a) => [a.code, a]));
  const fallback = byCode.get('cq');
  if (!fallback) return;
  for (const e of ENTRIES) {
    const { owner, ...rest } = e;
    await deps.kb.createEntry({ system: 'seed' }, { ...rest, ownerAgencyId: (byCode.get(owner) ?? fallback).id });
  }
}

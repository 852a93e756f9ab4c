// Demo data: a year (2025) of applications for 市政府办公厅 and 市发展改革委, built by the same service calls a
// clerk makes (so every row has its events and audit trail), a few carried over into 2026, a few still open
// now, and a few 行政复议/诉讼 cases. Deterministic (a fixed pseudo-random sequence); idempotent.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { addWorkingDays, isWorkday, shanghaiDate, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { createFileStorage } from '../../platform/storage/index.ts';
import { DEMO_SIGN_IN } from '../../seed.ts';
import type { RequestRow } from './requests.repository.ts';
import { createRequestsService, type RequestsService } from './requests.service.ts';
import { completeCreditCode, idCardCheckChar } from '../../platform/text/identifiers.ts';
import type { RequestVerb } from './requests.workflow.ts';
import { WITHHOLD_REASON_IDS, type ApplicantCategory, type Channel, type OutcomeCode } from './taxonomy.ts';

/** Demo accounts for this module (password DEMO_SIGN_IN.password). */
export const REQUESTS_DEMO_STAFF: readonly { username: string; name: string; role: Role; agency: string }[] = [
  { username: 'bgt-handler', name: '办公厅依申请公开承办人', role: 'handler', agency: 'cq-bgt' },
  { username: 'bgt-head', name: '办公厅政务公开处处长', role: 'head', agency: 'cq-bgt' },
  { username: 'fgw-head', name: '发展改革委办公室主任', role: 'head', agency: 'cq-fgw' },
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平'];
const ORGS: Record<Exclude<ApplicantCategory, 'natural_person'>, string[]> = {
  commercial: ['重庆某建设工程有限公司', '重庆某物流有限公司', '重庆某科技股份有限公司', '重庆某置业有限公司'],
  research: ['重庆某大学公共管理学院', '重庆某社会科学研究院'],
  public_interest: ['重庆某环保公益基金会', '重庆某助残服务中心'],
  legal_services: ['重庆某律师事务所', '重庆某法律服务所'],
  other: ['某村村民委员会', '某小区业主委员会'],
};
const TOPICS: Record<string, string[]> = {
  'cq-bgt': ['渝府办发〔2024〕号文件的起草说明', '2024年市政府常务会议议定事项的落实情况', '政务服务“一网通办”建设方案', '市政府信息公开年度报告的统计口径', '某区征地补偿安置方案的批复', '2025年市级重点民生实事的资金安排'],
  'cq-fgw': ['某高速公路项目的核准文件', '2025年市级重大建设项目名单', '某片区控制性详细规划调整的审批意见', '天然气价格调整的成本监审报告', '某产业园区项目节能审查意见', '市级预算内投资计划下达文件'],
};
const OUTCOME_MIX: [OutcomeCode, number][] = [
  ['R-DISCLOSE', 38],
  ['R-PARTIAL', 12],
  ['R-ALREADY', 10],
  ['R-NOTEXIST', 10],
  ['R-NOTOURS', 7],
  ['R-WITHHOLD', 6],
  ['R-NOCREATE', 3],
  ['R-REPEAT', 3],
  ['R-PETITION', 2],
  ['R-PUBLICATION', 2],
  ['R-SPECIAL', 1],
  ['R-CONFIRM', 1],
  ['R-NOCORRECTION', 3],
  ['R-FEEUNPAID', 1],
  ['R-UNCLEAR', 1],
];
const CATEGORY_MIX: [ApplicantCategory, number][] = [
  ['natural_person', 70],
  ['commercial', 12],
  ['legal_services', 6],
  ['other', 5],
  ['research', 4],
  ['public_interest', 3],
];
const CHANNEL_MIX: [Channel, number][] = [
  ['online', 55],
  ['post', 20],
  ['in_person', 15],
  ['email', 6],
  ['ordinary_letter', 2],
  ['fax', 2],
];

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, mix: readonly [T, number][]): T {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of mix) {
    x -= w;
    if (x < 0) return v;
  }
  return mix[mix.length - 1]![0];
}

function one<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** The reply content each outcome requires (validateReply). */
function replyContent(outcome: OutcomeCode, rnd: () => number, topic: string): Record<string, unknown> {
  switch (outcome) {
    case 'R-DISCLOSE':
      return { providedInformation: `${topic}（电子文档一份）` };
    case 'R-PARTIAL':
      return { providedInformation: `${topic}（已删除涉及第三方的内容）`, withholdReasons: ['EX15-THIRD'], reasonText: '部分内容涉及第三方商业秘密，第三方不同意公开' };
    case 'R-ALREADY':
      return { accessMethod: '该信息已在本机关门户网站“政府信息公开”栏目主动公开，可在线查阅' };
    case 'R-WITHHOLD':
      return { withholdReasons: [one(rnd, WITHHOLD_REASON_IDS.filter((w) => w !== 'EX14-SECRET'))], reasonText: '经审查，所申请信息属于条例规定不予公开的情形' };
    case 'R-NOTOURS':
      return { reasonText: '所申请信息不属于本机关负责公开', responsibleAgencyName: '重庆市规划和自然资源局', responsibleAgencyContact: '023-63651000' };
    case 'R-NOCREATE':
      return { reasonText: '所申请信息需要对现有信息进行汇总、加工' };
    case 'R-REPEAT':
      return { relatedRequestNumber: '此前已答复的同一申请' };
    case 'R-SPECIAL':
      return { specialProcedure: '依照《不动产登记暂行条例》向不动产登记机构申请查询' };
    default:
      return {};
  }
}

interface SeedContext {
  service: RequestsService;
  clock: { set(date: IsoDate): void };
  system: AuditActor;
  overrides: Overrides;
}

/** Seeds the demo applications once (skipped when any exist). */
export async function seedRequests(deps: Deps): Promise<void> {
  const present = await deps.db.execute(sql`SELECT EXISTS (SELECT 1 FROM requests) AS present`);
  if (present.rows[0]?.present === true) return;
  const overrides = await deps.calendar.overrides();
  for (const u of REQUESTS_DEMO_STAFF) {
    const agency = await deps.agencies.getAgencyByCode(u.agency).catch(() => null);
    if (!agency) return; // the agencies seed did not run: nothing to attach to
    const existing = await deps.db.execute(sql`SELECT id FROM users WHERE username = ${u.username}`);
    if (!existing.rows[0]) await deps.staff.createUser({ system: 'seed' }, { username: u.username, name: u.name, password: DEMO_SIGN_IN.password, role: u.role, agencyId: agency.id, includeSubtree: false });
  }
  let current = new Date();
  const clock = { set: (d: IsoDate) => (current = new Date(`${d}T10:00:00+08:00`)) };
  const service = createRequestsService({ db: deps.db, config: deps.config, calendar: deps.calendar, storage: createFileStorage(deps.config), agencies: deps.agencies, now: () => current });
  const ctx: SeedContext = { service, clock, system: { system: 'seed' }, overrides };
  const realToday = shanghaiDate();
  await seedAgency(deps, ctx, 'cq-bgt', 48, 1, realToday);
  await seedAgency(deps, ctx, 'cq-fgw', 56, 2, realToday);
}

async function seedAgency(deps: Deps, ctx: SeedContext, code: string, count: number, seed: number, realToday: IsoDate): Promise<void> {
  const agency = await deps.agencies.getAgencyByCode(code);
  const rnd = random(seed * 7919);
  const clerk: Actor = {
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'seed',
    name: '演示数据',
    grants: [
      { role: 'handler', agencyId: agency.id, includeSubtree: false },
      { role: 'head', agencyId: agency.id, includeSubtree: false },
    ],
  };
  const topics = TOPICS[code] ?? TOPICS['cq-bgt']!;
  const wd = (d: IsoDate, n: number) => addWorkingDays(d, n, ctx.overrides);
  const firstWorkday = (d: IsoDate) => (isWorkday(d, ctx.overrides) ? d : wd(d, 1));
  // the request being built: its latest row (for the version) and the date of its latest step
  let cur: RequestRow | null = null;
  let last = '';
  const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
  const act = async (verb: RequestVerb, on: IsoDate, input: Record<string, unknown> = {}) => {
    if (!cur) throw new Error('seedRequests: no current request');
    ctx.clock.set(on);
    cur = await ctx.service.perform(ctx.system, cur.id, verb, cur.version, { on, ...input });
    last = later(last, on);
  };
  // received dates spread over 2025 (a few in late December carry over into 2026), then a few open now
  const dates: { on: IsoDate; open: boolean; carry?: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const dayOfYear = Math.floor((i + rnd() * 0.9) * (350 / count));
    const d = new Date(Date.UTC(2025, 0, 6 + dayOfYear)).toISOString().slice(0, 10);
    dates.push({ on: firstWorkday(d), open: false });
  }
  // received late in 2025 and answered in 2026: 结转 (the annual report counts them)
  for (const d of ['2025-12-24', '2025-12-26', '2025-12-29']) dates.push({ on: d, open: false, carry: true });
  // still open today: some due soon, some overdue (the queue and the 公开办 board show them)
  for (const back of [2, 9, 16, 19, 24, 27]) dates.push({ on: addWorkingDaysBack(realToday, back, ctx.overrides), open: true });

  let n = 0;
  for (const { on: received, open, carry } of dates) {
    n++;
    const category = pick(rnd, CATEGORY_MIX);
    const channel = pick(rnd, CHANNEL_MIX);
    const topic = one(rnd, topics);
    const isPerson = category === 'natural_person';
    const name = `${one(rnd, [...SURNAMES])}${one(rnd, GIVEN)}`;
    const input: Record<string, unknown> = {
      agencyId: agency.id,
      applicantCategory: category,
      name,
      organizationName: isPerson ? '' : one(rnd, ORGS[category]),
      idType: 'resident_id',
      idNumber: isPerson ? demoIdCard(n + seed * 1000) : demoCreditCode(n + seed * 1000),
      phone: `1380023${String(1000 + n).slice(-4)}`,
      address: `重庆市渝中区演示路 ${n} 号`,
      email: `applicant${seed}${n}@example.com`,
      description: `请公开${topic}`,
      provisionForm: one(rnd, ['email', 'electronic_data', 'post', 'paper', 'pickup'] as const),
      channel,
      submittedOn: received,
      signedOn: received,
      confirmedOn: received,
      systemReceivedOn: received,
    };
    ctx.clock.set(received);
    cur = (await ctx.service.registerPaperRequest(clerk, input, null)).request;
    last = received;
    const id = cur.id;
    const outcome = pick(rnd, OUTCOME_MIX);
    let from = received;
    if (!open && (outcome === 'R-NOCORRECTION' || outcome === 'R-UNCLEAR' || rnd() < 0.1)) {
      const noticeOn = wd(received, 2);
      const dueOn = wd(noticeOn, 10);
      await act('requestCorrection', noticeOn, { items: '请写明所需信息的名称、文号或者便于查询的其他特征性描述', dueOn });
      if (outcome === 'R-NOCORRECTION') {
        await act('expireCorrection', wd(dueOn, 1));
        await act('archive', wd(dueOn, 2));
        continue;
      }
      from = wd(noticeOn, 4);
      await act('receiveCorrection', from);
    }
    await act('accept', from);
    if (open) {
      // still being handled now: some consulting, some with an extension
      if (n % 3 === 0) await act('startConsultation', wd(from, 1), { party: 'third_party', consultee: '相关企业' });
      continue;
    }
    if (outcome === 'R-PARTIAL' || rnd() < 0.06) {
      await act('startConsultation', wd(from, 2), { party: rnd() < 0.7 ? 'third_party' : 'co_producer', consultee: '相关单位' });
      await act('endConsultation', wd(from, 2 + 3 + Math.floor(rnd() * 10)), { opinion: outcome === 'R-PARTIAL' ? 'object' : 'agree' });
    }
    const extended = rnd() < 0.08;
    if (extended) {
      await act('extend', later(last, wd(from, 10)), { workingDays: 10 + Math.floor(rnd() * 10), reason: '申请内容复杂，需要调取多个处室的档案' });
    }
    if (outcome === 'R-FEEUNPAID' || rnd() < 0.02) {
      const noticeOn = later(last, wd(from, 3));
      await act('issueFeeNotice', noticeOn, { basis: 'per_page', amountYuan: 120 });
      if (outcome === 'R-FEEUNPAID') {
        await act('expireFee', wd(noticeOn, 21));
        await act('archive', wd(noticeOn, 22));
        continue;
      }
      await act('recordPayment', wd(noticeOn, 5));
    }
    const due: IsoDate = cur.dueOn ?? wd(from, 20);
    // most replies come in time; about one in twenty is late
    const late = rnd() < 0.05;
    let replyOn = carry ? wd(last, 8) : late ? wd(due, 1 + Math.floor(rnd() * 4)) : wd(last, 3 + Math.floor(rnd() * 12));
    if (!late && !carry && replyOn > due) replyOn = due < last ? last : due;
    const replyOutcome = outcome === 'R-UNCLEAR' ? 'R-UNCLEAR' : outcome;
    await act('reply', replyOn, { outcome: replyOutcome, ...replyContent(replyOutcome, rnd, topic) });
    const mode = rnd() < 0.6 ? 'electronic' : rnd() < 0.5 ? 'post' : 'direct';
    const servedOn = mode === 'post' ? replyOn : wd(replyOn, 1);
    await act('serve', servedOn, { mode, signedOn: servedOn, postedOn: servedOn, deliveredOn: servedOn });
    if (servedOn < '2026-01-01') await act('archive', wd(servedOn, 2));
    // a few replies are challenged (annual report section 四)
    if (n % 17 === 5 && ['R-WITHHOLD', 'R-NOTEXIST', 'R-PARTIAL', 'R-NOTOURS', 'R-DISCLOSE'].includes(replyOutcome)) {
      const filedOn = wd(servedOn, 20);
      const concluded = filedOn < '2025-11-01';
      ctx.clock.set(concluded ? wd(filedOn, 40) : filedOn);
      await ctx.service.registerReviewCase(ctx.system, id, {
        kind: n % 2 === 0 ? 'reconsideration' : 'litigation_direct',
        filedOn,
        result: concluded ? (n % 3 === 0 ? 'corrected' : 'upheld') : 'pending',
        concludedOn: concluded ? wd(filedOn, 40) : '',
        caseNumber: n % 2 === 0 ? `渝府复〔2025〕${n}号` : `（2025）渝0103行初${n}号`,
      });
    }
  }
}

/** `n` working days before `date`. */
function addWorkingDaysBack(date: IsoDate, n: number, overrides: Overrides): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    const prev = new Date(`${d}T00:00:00Z`);
    prev.setUTCDate(prev.getUTCDate() - 1);
    d = prev.toISOString().slice(0, 10);
    if (isWorkday(d, overrides)) left--;
  }
  return d;
}

/** A checksum-valid demo 身份证号码 (born 1960–1999), different for each n. */
function demoIdCard(n: number): string {
  const first17 = `500103${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A checksum-valid demo 统一社会信用代码. */
function demoCreditCode(n: number): string {
  return completeCreditCode(`91500000MA${String(n).padStart(7, '0')}`);
}

// Demo tickets: a few hundred across channels, types, districts and states over the last 60 days, walked through the
// real service (so every event and audit row is there), some 市长信箱 letters with published replies, and the demo
// Open311 key `demo-open311-key`. Idempotent: does nothing when the demo key exists.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { createCalendarService } from '../../platform/calendar/index.ts';
import { DEMO_ROOT_CODE } from '../agencies/index.ts';
import { hashApiKey, insertApiClientWithKey } from './api-keys.service.ts';
import { planDirectory } from './directory.seed.ts';
import type { TicketVerb } from './hotline.workflow.ts';
import { leafCategories, type Channel, type TicketType } from './taxonomy.ts';
import { findApiClientByKeyHash } from './tickets.repository.ts';
import { createHotlineService } from './tickets.service.ts';

export const DEMO_OPEN311_KEY = 'demo-open311-key';
const SEED_ACTOR = { system: 'seed' } as const;

const PLACES: Record<string, string[]> = {
  '500103': ['渝中区解放碑步行街', '渝中区民族路', '渝中区较场口', '渝中区大坪正街', '渝中区两路口'],
  '500105': ['江北区观音桥步行街', '江北区北城天街', '江北区五里店', '江北区大石坝', '江北区鎏嘉码头'],
  '500112': ['渝北区新牌坊', '渝北区龙溪街道', '渝北区两路', '渝北区回兴', '渝北区空港新城'],
};
const CENTERS: Record<string, [number, number]> = { '500103': [29.5575, 106.5775], '500105': [29.5755, 106.5327], '500112': [29.7173, 106.6312] };
const CHANNELS: Channel[] = ['phone', 'phone', 'phone', 'web', 'web', 'mailbox', 'app', 'miniprogram'];
const TYPES: TicketType[] = ['complaint', 'complaint', 'help', 'help', 'consultation', 'suggestion', 'report', 'praise'];
const SURNAMES = '王李张刘陈杨黄赵吴周';

/** Deterministic PRNG (mulberry32), so every demo database looks the same. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLIES = [
  '经核查，您反映的问题属实，我单位已于收到工单后安排人员现场处置，目前已整改完毕。如有疑问请致电经办人 13812345678。感谢您对我们工作的监督。',
  '您好，经现场查看，该问题涉及多个部门职责，我单位已牵头协调，相关设施已修复，后续将加强日常巡查。',
  '经了解，相关政策依据为现行规定，具体办理流程和所需材料已电话告知您，如有疑问可拨打本单位办公电话咨询。',
];

/** Seeds the demo tickets and key (after agencies and the 派单目录). */
export async function seedHotline(deps: Pick<Deps, 'db' | 'agencies'>, opts: { count?: number } = {}): Promise<void> {
  if (await findApiClientByKeyHash(deps.db, hashApiKey(DEMO_OPEN311_KEY))) return;
  const demoClient = await insertApiClientWithKey(deps.db, { name: '演示 Open311 客户端', key: DEMO_OPEN311_KEY, channel: 'open311', contact: '12345中心技术支持' });
  const appClient = await insertApiClientWithKey(deps.db, { name: '演示 APP（渝快办）', key: `demo-app-${randomBytes(12).toString('hex')}`, channel: 'app' });
  const miniClient = await insertApiClientWithKey(deps.db, { name: '演示小程序', key: `demo-mini-${randomBytes(12).toString('hex')}`, channel: 'miniprogram' });
  const all = await deps.agencies.listAgencies();
  const plan = planDirectory(all, DEMO_ROOT_CODE);
  const districts = Object.keys(PLACES);
  const fallback = all.find((a) => a.code === DEMO_ROOT_CODE)?.id;
  if (!fallback) return;
  const agencyFor = (category: string, district: string) =>
    plan.find((p) => p.categoryCode === category && p.divisionCode === district)?.agencyId ?? plan.find((p) => p.categoryCode === category)?.agencyId ?? fallback;

  const random = rng(12345);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let clock = new Date();
  const service = createHotlineService({ db: deps.db, calendar: createCalendarService(deps.db), now: () => clock });
  const leaves = leafCategories();
  const start = Date.now() - 60 * 86_400_000;
  const total = opts.count ?? 300;
  for (let i = 0; i < total; i++) {
    clock = new Date(start + Math.floor((i / total) * 58 * 86_400_000) + Math.floor(random() * 8 * 3_600_000));
    const channel = i < total / 12 ? 'mailbox' : pick(CHANNELS);
    const type = pick(TYPES);
    const category = pick(leaves);
    const district = pick(districts);
    const place = pick(PLACES[district] as string[]);
    const [lat, long] = CENTERS[district] as [number, number];
    const name = `${pick([...SURNAMES])}先生`;
    const content = `${place}附近${category.name}问题，${category.keywords?.slice(0, 2).join('、') || '情况'}已持续多日，影响周边居民，请有关部门尽快处理。`;
    const input: Record<string, unknown> = {
      type,
      urgency: random() < 0.05 ? 'urgent' : 'normal',
      categoryCode: category.code,
      districtCode: district,
      title: channel === 'mailbox' ? `关于${place}${category.name}的${type === 'suggestion' ? '建议' : '反映'}` : undefined,
      content,
      address: `${place}${1 + Math.floor(random() * 300)}号`,
      lat: channel === 'app' || channel === 'miniprogram' ? String(lat + (random() - 0.5) * 0.02) : undefined,
      long: channel === 'app' || channel === 'miniprogram' ? String(long + (random() - 0.5) * 0.02) : undefined,
      contactName: name,
      contactPhone: random() < 0.85 ? `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : undefined,
      confidentiality: random() < 0.08 ? 'full' : 'standard',
      publishConsent: channel === 'mailbox' && random() < 0.8 ? '1' : '',
    };
    // phone/web/mailbox through the intake form; APP and 小程序 through Open311 (as their clients would)
    const viaApi = channel === 'app' || channel === 'miniprogram';
    const r = viaApi
      ? await service.intakeOpen311(
          {
            apiKey: '',
            jurisdictionId: null,
            serviceCode: category.code,
            lat: Number(input.lat),
            long: Number(input.long),
            addressString: input.address as string,
            addressId: null,
            description: content,
            mediaUrl: null,
            email: null,
            firstName: '先生',
            lastName: name.slice(0, 1),
            phone: (input.contactPhone as string | undefined) ?? null,
            deviceId: null,
            accountId: null,
            attributes: {},
            clientToken: `seed-${i}`,
          },
          channel === 'app' ? appClient : miniClient,
        )
      : await service.intake({ ...input, channel }, { kind: 'staff', actor: SEED_ACTOR });
    void demoClient;
    // older tickets are further along; the last few days' are still open
    const age = 1 - i / total;
    const steps = age > 0.25 ? 7 : age > 0.1 ? Math.floor(random() * 6) : Math.floor(random() * 3);
    const agency = agencyFor(category.code, district);
    const path: [TicketVerb, Record<string, unknown>][] = [
      ['accept', {}],
      ['dispatch', { leadAgencyId: agency }],
      ['sign', {}],
      ['contact', { outcome: 'reached', note: '已电话联系诉求人，了解具体情况' }],
      ['reply', { text: pick(REPLIES) }],
      ['approve', {}],
      input.contactPhone === undefined
        ? ['waiveVisit', { reason: 'anonymous' }]
        : ['visit', { satisfaction: random() < 0.8 ? 'satisfied' : random() < 0.5 ? 'basically_satisfied' : 'dissatisfied', resolution: random() < 0.85 ? 'resolved' : 'unresolved' }],
    ];
    if (type === 'consultation' && !viaApi && steps > 1 && random() < 0.5) {
      clock = new Date(clock.getTime() + 20 * 60_000);
      await service.transition(SEED_ACTOR, r.id, 'answerDirectly', { answer: '您咨询的事项可通过“渝快办”平台在线办理，所需材料为身份证和申请表，办理时限为5个工作日。' });
      continue;
    }
    for (let s = 0; s < steps && s < path.length; s++) {
      const [verb, payload] = path[s] as [TicketVerb, Record<string, unknown>];
      clock = new Date(clock.getTime() + (s === 4 ? 2 + Math.floor(random() * 6) : 0.1 + random()) * (s === 4 ? 86_400_000 : 3_600_000));
      if (clock.getTime() > Date.now()) break;
      await service.transition(SEED_ACTOR, r.id, verb, payload);
    }
  }
}

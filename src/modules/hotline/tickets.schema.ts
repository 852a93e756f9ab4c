// Intake and transition input from forms and JSON: every field checked at once, one Chinese message per bad field.
// Form values arrive as strings (or arrays of strings); numbers and booleans are read from them here.
import type { FieldError } from '../../platform/http/errors.ts';
import type { HotlineConfig } from './hotline.config.ts';
import type { TicketVerb, VerbInput } from './hotline.workflow.ts';
import {
  CHANNELS,
  CONFIDENTIALITY,
  TICKET_TYPES,
  URGENCIES,
  isLeafCategory,
  type Channel,
  type Confidentiality,
  type TicketType,
  type Urgency,
} from './taxonomy.ts';

/** A checked intake, whatever the channel. */
export interface IntakeInput {
  channel: Channel;
  type: TicketType;
  urgency: Urgency;
  categoryCode: string | null;
  districtCode: string | null;
  title: string | null;
  content: string;
  address: string | null;
  lat: number | null;
  long: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  confidentiality: Confidentiality;
  publishConsent: boolean;
  mediaUrls: string[];
  attributes: Record<string, string | string[]>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

function text(v: unknown): string | null {
  if (Array.isArray(v)) v = v[0];
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length ? t : null;
}

function bool(v: unknown): boolean {
  const t = text(v);
  return v === true || t === 'true' || t === '1' || t === 'on' || t === 'yes';
}

const len = (s: string) => [...s].length;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[+\d][\d\s()-]{4,19})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DIVISION = /^\d{6}$/;

export interface IntakeContext {
  config: HotlineConfig;
  /** the channels this caller may set (a citizen's web form: only 'web') */
  channels: readonly Channel[];
  /** the channel when the input names none */
  defaultChannel: Channel;
  /** 市长信箱 letters need a title */
  requireTitle?: boolean;
}

/** Checks an intake form or JSON body. Nothing is stored unless ok. */
export function checkIntake(raw: unknown, ctx: IntakeContext): Checked<IntakeInput> {
  const f = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const fields: FieldError[] = [];
  const bad = (field: string, message: string) => fields.push({ field, message });

  const channel = (text(f.channel) ?? ctx.defaultChannel) as Channel;
  if (!(channel in CHANNELS) || !ctx.channels.includes(channel)) bad('channel', '受理渠道：请从列表中选择');

  const type = text(f.type) as TicketType | null;
  if (!type) bad('type', '诉求类型：请选择');
  else if (!(type in TICKET_TYPES)) bad('type', '诉求类型：请从列表中选择');

  const urgency = (text(f.urgency) ?? 'normal') as Urgency;
  if (!(urgency in URGENCIES)) bad('urgency', '紧急程度：请选择紧急或一般');

  const categoryCode = text(f.categoryCode);
  if (categoryCode && !isLeafCategory(categoryCode)) bad('categoryCode', '诉求类别：请从列表中选择具体类别');

  const districtCode = text(f.districtCode);
  if (districtCode && !DIVISION.test(districtCode)) bad('districtCode', '所在区县：请从列表中选择');

  const title = text(f.title);
  if (ctx.requireTitle && !title) bad('title', '标题：必须填写');
  else if (title && len(title) > 100) bad('title', '标题：不能超过 100 个字');

  const content = text(f.content);
  const { descriptionMinLength: min, descriptionMaxLength: max } = ctx.config.text;
  if (!content) bad('content', '诉求内容：必须填写');
  else if (len(content) < min) bad('content', `诉求内容：至少 ${min} 个字，请写明事情经过和诉求`);
  else if (len(content) > max) bad('content', `诉求内容：不能超过 ${max} 个字（现有 ${len(content)} 个）`);

  const address = text(f.address);
  if (address && len(address) > 200) bad('address', '地址：不能超过 200 个字');

  const latRaw = text(f.lat);
  const longRaw = text(f.long);
  let lat: number | null = null;
  let long: number | null = null;
  if (latRaw !== null || longRaw !== null) {
    if (latRaw === null || longRaw === null) bad('lat', '坐标：纬度和经度必须同时填写');
    else if (!DECIMAL.test(latRaw) || !DECIMAL.test(longRaw)) bad('lat', '坐标：必须是十进制数字');
    else {
      lat = Number(latRaw);
      long = Number(longRaw);
      if (lat < -90 || lat > 90) bad('lat', '纬度：必须在 -90 至 90 之间');
      if (long < -180 || long > 180) bad('long', '经度：必须在 -180 至 180 之间');
    }
  }

  const contactName = text(f.contactName);
  if (contactName && len(contactName) > 50) bad('contactName', '姓名：不能超过 50 个字');
  const contactPhone = text(f.contactPhone);
  if (contactPhone && !PHONE.test(contactPhone)) bad('contactPhone', '联系电话：格式不正确，请填写手机号码或带区号的固定电话');
  const contactEmail = text(f.contactEmail);
  if (contactEmail && (contactEmail.length > 254 || !EMAIL.test(contactEmail))) bad('contactEmail', '电子邮箱：格式不正确');

  const confidentiality = (text(f.confidentiality) ?? 'standard') as Confidentiality;
  if (!(confidentiality in CONFIDENTIALITY)) bad('confidentiality', '保密要求：请从列表中选择');

  const mediaRaw = Array.isArray(f.mediaUrls) ? f.mediaUrls : f.mediaUrls === undefined ? [] : [f.mediaUrls];
  const mediaUrls: string[] = [];
  for (const m of mediaRaw) {
    const u = text(m);
    if (!u) continue;
    try {
      const url = new URL(u);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || u.length > 2000) throw new Error('scheme');
      mediaUrls.push(u);
    } catch {
      bad('mediaUrls', '图片链接：必须是 http 或 https 网址');
      break;
    }
  }
  if (mediaUrls.length > 10) bad('mediaUrls', '图片链接：最多 10 个');

  const attributes: Record<string, string | string[]> = {};
  if (f.attributes && typeof f.attributes === 'object' && !Array.isArray(f.attributes)) {
    for (const [k, v] of Object.entries(f.attributes as Record<string, unknown>)) {
      if (typeof v === 'string') attributes[k] = v.slice(0, 2000);
      else if (Array.isArray(v)) attributes[k] = v.filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 2000));
    }
  }

  if (fields.length) return { ok: false, fields };
  return {
    ok: true,
    value: {
      channel,
      type: type as TicketType,
      urgency,
      categoryCode,
      districtCode,
      title,
      content: content as string,
      address,
      lat,
      long,
      contactName,
      contactPhone,
      contactEmail,
      confidentiality,
      publishConsent: bool(f.publishConsent),
      mediaUrls,
      attributes,
    },
  };
}

/** What transition() takes per verb: the workflow's VerbInput, except 并单 names its target by id. */
export type TransitionInput = { [V in TicketVerb]: V extends 'merge' ? { targetId: string } : VerbInput[V] };

const asInt = (v: unknown): number => {
  const t = text(v);
  return t !== null && /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
};
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(text).filter((x): x is string => !!x);

/**
 * Reads a verb's input from a form or JSON body (strings → numbers, lists), without judging it: the workflow's guards
 * give the Chinese reasons. Unknown keys are dropped.
 */
export function readTransitionInput<V extends TicketVerb>(verb: V, raw: unknown): TransitionInput[V] {
  const f = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const s = (k: string) => text(f[k]) ?? '';
  const opt = (k: string) => text(f[k]) ?? undefined;
  let out: unknown;
  switch (verb as TicketVerb) {
    case 'accept':
    case 'sign':
    case 'approve':
      out = {};
      break;
    case 'decline':
      out = { reason: s('reason'), note: opt('note') };
      break;
    case 'answerDirectly':
      out = { answer: s('answer'), knowledgeEntryId: opt('knowledgeEntryId') ?? null };
      break;
    case 'transferEmergency':
      out = { line: s('line'), note: opt('note') };
      break;
    case 'merge':
      out = { targetId: s('targetId') };
      break;
    case 'dispatch':
    case 'reassign':
      out = { leadAgencyId: s('leadAgencyId'), assistingAgencyIds: list(f.assistingAgencyIds) };
      break;
    case 'contact':
      out = { outcome: s('outcome'), note: s('note') };
      break;
    case 'requestExtension':
      out = { workdays: asInt(f.workdays), reason: s('reason') };
      break;
    case 'approveExtension':
      out = { workdays: asInt(f.workdays) };
      break;
    case 'reply':
      out = { text: s('text') };
      break;
    case 'visit':
      out = { satisfaction: s('satisfaction'), resolution: s('resolution'), note: opt('note') };
      break;
    case 'waiveVisit':
      out = { reason: s('reason') };
      break;
    case 'urge':
      out = { note: s('note') };
      break;
    case 'supervise':
      out = { ground: s('ground'), note: s('note') };
      break;
    case 'unmerge':
    case 'requestReturn':
    case 'rejectReturn':
    case 'rejectExtension':
    case 'rejectReply':
    case 'reopen':
    case 'withdraw':
      out = { reason: s('reason') };
      break;
    default: {
      const never: never = verb as never;
      throw new Error(`unknown verb ${String(never)}`);
    }
  }
  return out as TransitionInput[V];
}

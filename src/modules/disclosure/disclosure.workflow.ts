// The lifecycle of an item and its revisions (Whitehall's Document and Edition): states, the transition table,
// and pure guards. An item keeps its identity and URL (items.status); each change is a new revision
// (item_revisions.state), and at most one revision is unpublished at a time. Guards return refusals as values;
// `assertTransition` turns them into the one error type for services.

import { addWorkingDays, isIsoDate, workingDaysBetween, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import type { Validity } from './taxonomy.ts';

/** A revision's own state (item_revisions.state). At most one revision per item is draft or submitted. */
export const REVISION_STATES = ['draft', 'submitted', 'published', 'superseded'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** The item's public state (items.status): what its URL shows. */
export const ITEM_STATUSES = ['never_published', 'published', 'withdrawn', 'unpublished'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Status tags as the console shows them. */
export const REVISION_STATE_NAMES: Record<RevisionState, string> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  superseded: '已被新版本替代',
};

export const ITEM_STATUS_NAMES: Record<ItemStatus, string> = {
  never_published: '未发布',
  published: '已发布',
  withdrawn: '已撤回',
  unpublished: '已撤销发布',
};

interface Rule<S extends string> {
  from: readonly S[];
  /** null: the verb leaves this state as it is (it changes something else) */
  to: S | null;
}

/**
 * One row per verb. A verb names the revision state it needs, the item status it needs, or both; each is
 * checked against the current state (Whitehall's Edition::Workflow).
 */
export const TRANSITIONS = {
  edit: { revision: { from: ['draft'], to: 'draft' } },
  submit: { revision: { from: ['draft'], to: 'submitted' } },
  // a reviewer sends it back with a comment
  return: { revision: { from: ['submitted'], to: 'draft' } },
  // needs the recorded 保密审查 (条例 第十七条) and, unless the agency switched it off, a second person;
  // publishing a correction of an unpublished item puts it back
  publish: { revision: { from: ['submitted'], to: 'published' }, item: { from: ['never_published', 'published', 'unpublished'], to: 'published' } },
  // the previous public revision, in the same step as publishing a newer one
  supersede: { revision: { from: ['published'], to: 'superseded' } },
  // changing a public (or wrongly published) item starts a new draft revision beside the public one
  createRevision: { item: { from: ['published', 'unpublished'], to: null } },
  // no longer current: stays visible with a dated notice
  withdraw: { item: { from: ['published'], to: 'withdrawn' } },
  // 失效/废止 (渝府办发〔2018〕76号（十三）: 失效的要及时撤销): stays visible, marked, with a banner
  revoke: { item: { from: ['published', 'withdrawn'], to: null } },
  // published in error: the URL answers 410 with the recorded reason; nothing is deleted
  unpublish: { item: { from: ['published', 'withdrawn'], to: 'unpublished' } },
} as const satisfies Record<string, { revision?: Rule<RevisionState>; item?: Rule<ItemStatus> }>;

export type Verb = keyof typeof TRANSITIONS;
export const VERBS = Object.keys(TRANSITIONS) as Verb[];

export const VERB_NAMES: Record<Verb, string> = {
  edit: '修改',
  submit: '提交审核',
  return: '退回修改',
  publish: '发布',
  supersede: '被新版本替代',
  createRevision: '新建修订',
  withdraw: '撤回',
  revoke: '宣布失效或废止',
  unpublish: '撤销发布',
};

/** A recorded 保密审查 confirmation: who confirmed it and when. */
export interface SecrecyReview {
  reviewerId: string;
  confirmedAt: string;
}

/** What each verb needs to be judged. Ids are user ids; dates are 'YYYY-MM-DD' in Asia/Shanghai. */
export type TransitionInput =
  | { verb: 'edit' }
  | { verb: 'submit' }
  | { verb: 'return'; comment: string }
  | {
      verb: 'publish';
      actorId: string;
      /** everyone who edited this revision */
      authorIds: readonly string[];
      /** the agency's four-eyes setting (on by default) */
      fourEyes: boolean;
      secrecyReview: SecrecyReview | null;
      minorChange: boolean;
      changeNote: string;
      /** set for a policy flagged 重大政策 (渝府办发〔2018〕76号（三）: 重大政策发布要同步公开解读信息) */
      majorPolicy?: { hasReadyInterpretation: boolean; exceptionReason: string };
    }
  | { verb: 'supersede' }
  | { verb: 'createRevision'; hasPendingRevision: boolean }
  | { verb: 'withdraw'; notice: string }
  | { verb: 'revoke'; itemId: string; currentValidity: Validity; validity: Exclude<Validity, 'valid'>; effectiveDate: string; reason: string; replacedByItemId?: string | null }
  | { verb: 'unpublish'; reason: string };

export type RefusalCode =
  | 'ILLEGAL_STATE'
  | 'COMMENT_REQUIRED'
  | 'SECRECY_REVIEW_MISSING'
  | 'SECRECY_REVIEW_BY_AUTHOR'
  | 'FOUR_EYES'
  | 'CHANGE_NOTE_REQUIRED'
  | 'INTERPRETATION_MISSING'
  | 'PENDING_REVISION_EXISTS'
  | 'NOTICE_REQUIRED'
  | 'REASON_REQUIRED'
  | 'ALREADY_REVOKED'
  | 'BAD_DATE'
  | 'SELF_REPLACEMENT';

export interface Refusal {
  code: RefusalCode;
  /** the form field to show the message beside, when there is one */
  field?: string;
  message: string;
}

/** Where the thing stands: the revision acted on (absent for item verbs) and its item. */
export interface CurrentState {
  revision?: RevisionState;
  item: ItemStatus;
}

export type TransitionCheck = { ok: true; revision: RevisionState | null; item: ItemStatus } | { ok: false; refusals: Refusal[] };

const blank = (s: string | null | undefined): boolean => !s || s.trim() === '';

/** Whether the verb's state preconditions hold (the buttons to offer; guards may still refuse). */
export function isVerbAllowedIn(verb: Verb, current: CurrentState): boolean {
  const rule: { revision?: Rule<RevisionState>; item?: Rule<ItemStatus> } = TRANSITIONS[verb];
  if (rule.revision && (current.revision === undefined || !rule.revision.from.includes(current.revision))) return false;
  if (rule.item && !rule.item.from.includes(current.item)) return false;
  return true;
}

export function verbsAllowedIn(current: CurrentState): Verb[] {
  return VERBS.filter((v) => isVerbAllowedIn(v, current));
}

const REVISION_NOUNS: Record<RevisionState, string> = { draft: '草稿', submitted: '待审核的稿件', published: '已发布的版本', superseded: '历史版本' };

/** Why the state preconditions fail, in the words the console uses. */
function illegalStateMessage(verb: Verb, current: CurrentState): string {
  const rule: { revision?: Rule<RevisionState>; item?: Rule<ItemStatus> } = TRANSITIONS[verb];
  if (rule.revision && current.revision === undefined) return `${VERB_NAMES[verb]}须针对某一版本进行`;
  if (rule.revision && current.revision && !rule.revision.from.includes(current.revision)) return `${REVISION_NOUNS[current.revision]}不能${VERB_NAMES[verb]}`;
  return `${ITEM_STATUS_NAMES[current.item]}的信息不能${VERB_NAMES[verb]}`;
}

function guard(input: TransitionInput, current: CurrentState): Refusal[] {
  const out: Refusal[] = [];
  switch (input.verb) {
    case 'edit':
    case 'submit':
    case 'supersede':
      return out;
    case 'return':
      if (blank(input.comment)) out.push({ code: 'COMMENT_REQUIRED', field: 'comment', message: '退回修改时请写明退回意见' });
      return out;
    case 'publish': {
      // 条例 第十七条: 行政机关应当建立健全政府信息公开审查机制 — a recorded 保密审查 before anything goes out.
      if (!input.secrecyReview || blank(input.secrecyReview.reviewerId) || blank(input.secrecyReview.confirmedAt)) {
        out.push({ code: 'SECRECY_REVIEW_MISSING', field: 'secrecyReview', message: '发布前须由审核人确认保密审查' });
      } else if (input.fourEyes && input.authorIds.includes(input.secrecyReview.reviewerId)) {
        out.push({ code: 'SECRECY_REVIEW_BY_AUTHOR', field: 'secrecyReview', message: '保密审查须由编辑以外的审核人确认' });
      }
      if (input.fourEyes && input.authorIds.includes(input.actorId)) {
        out.push({ code: 'FOUR_EYES', message: '不能发布自己编辑的稿件，请由其他审核人发布' });
      }
      // a revision of an item that was public before tells the public what changed
      if (current.item !== 'never_published' && !input.minorChange && blank(input.changeNote)) {
        out.push({ code: 'CHANGE_NOTE_REQUIRED', field: 'changeNote', message: '修订已发布的信息须填写修改说明（细微改动可勾选“细微修改”）' });
      }
      if (input.majorPolicy && !input.majorPolicy.hasReadyInterpretation && blank(input.majorPolicy.exceptionReason)) {
        out.push({ code: 'INTERPRETATION_MISSING', field: 'interpretation', message: '重大政策须与解读同步发布；如确需先行发布，请审核人填写例外理由' });
      }
      return out;
    }
    case 'createRevision':
      // at most one unpublished revision per item
      if (input.hasPendingRevision) out.push({ code: 'PENDING_REVISION_EXISTS', message: '该信息已有一个未发布的修订，请先处理该修订' });
      return out;
    case 'withdraw':
      if (blank(input.notice)) out.push({ code: 'NOTICE_REQUIRED', field: 'notice', message: '撤回时须填写向公众展示的撤回说明' });
      return out;
    case 'revoke':
      if (input.currentValidity !== 'valid') out.push({ code: 'ALREADY_REVOKED', message: '该信息已标注为失效或废止' });
      if (!isIsoDate(input.effectiveDate)) out.push({ code: 'BAD_DATE', field: 'effectiveDate', message: '请填写有效的失效或废止日期' });
      if (blank(input.reason)) out.push({ code: 'REASON_REQUIRED', field: 'reason', message: '请填写失效或废止的理由' });
      if (input.replacedByItemId && input.replacedByItemId === input.itemId) out.push({ code: 'SELF_REPLACEMENT', field: 'replacedBy', message: '替代文件不能是其本身' });
      return out;
    case 'unpublish':
      if (blank(input.reason)) out.push({ code: 'REASON_REQUIRED', field: 'reason', message: '撤销发布须记录理由，公众访问原链接时将看到该理由' });
      return out;
    default: {
      const unreachable: never = input;
      return unreachable;
    }
  }
}

/** Judges one move: the state preconditions first, then the verb's own guards. */
export function checkTransition(current: CurrentState, input: TransitionInput): TransitionCheck {
  if (!isVerbAllowedIn(input.verb, current)) {
    return { ok: false, refusals: [{ code: 'ILLEGAL_STATE', message: illegalStateMessage(input.verb, current) }] };
  }
  const refusals = guard(input, current);
  if (refusals.length > 0) return { ok: false, refusals };
  const rule: { revision?: Rule<RevisionState>; item?: Rule<ItemStatus> } = TRANSITIONS[input.verb];
  return { ok: true, revision: rule.revision ? (rule.revision.to ?? current.revision ?? null) : (current.revision ?? null), item: rule.item?.to ?? current.item };
}

/**
 * For services: the new state, or throws AppError ILLEGAL_TRANSITION (wrong state), FORBIDDEN (four-eyes),
 * CONFLICT (a pending revision exists, already revoked) or VALIDATION_FAILED (missing comment, note, review…, per field).
 */
export function assertTransition(current: CurrentState, input: TransitionInput): { revision: RevisionState | null; item: ItemStatus } {
  const check = checkTransition(current, input);
  if (check.ok) return { revision: check.revision, item: check.item };
  const refusals = check.refusals;
  const message = refusals.map((r) => r.message).join('；');
  const has = (code: RefusalCode) => refusals.some((r) => r.code === code);
  if (has('ILLEGAL_STATE')) throw new AppError('ILLEGAL_TRANSITION', message, { refusals });
  if (has('FOUR_EYES')) throw new AppError('FORBIDDEN', message, { refusals });
  if (has('PENDING_REVISION_EXISTS') || has('ALREADY_REVOKED')) throw new AppError('CONFLICT', message, { refusals });
  throw validationError(refusals.map((r) => ({ field: r.field ?? 'form', message: r.message })));
}

// ---------------------------------------------------------------------------------------------------------------
// 条例 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
// 法律、法规另有规定的，从其规定 — hence the parameter. Counting starts the day after (workdays.ts).
// ---------------------------------------------------------------------------------------------------------------

export const PUBLICATION_DEADLINE_WORKING_DAYS = 20;
/** A draft is “due soon” when this many working days or fewer are left (console board; not a legal number). */
export const DUE_SOON_WORKING_DAYS = 3;

export type DeadlineStatus = 'on_track' | 'due_soon' | 'overdue';

export interface PublicationDeadline {
  dueDate: IsoDate;
  status: DeadlineStatus;
  /** working days after today up to the due date (0 on the due date); 0 when overdue */
  workingDaysLeft: number;
  /** working days after the due date up to today; 0 unless overdue (and 0 on a weekend just after it) */
  workingDaysOverdue: number;
}

/** The last day to publish an item formed (成文) or changed on `formedDate`. */
export function publicationDueDate(formedDate: IsoDate, overrides: Overrides, days: number = PUBLICATION_DEADLINE_WORKING_DAYS): IsoDate {
  return addWorkingDays(formedDate, days, overrides);
}

/** Where an unpublished draft stands against the 20-working-day rule on `today`. */
export function classifyPublicationDeadline(
  formedDate: IsoDate,
  today: IsoDate,
  overrides: Overrides,
  options: { days?: number; dueSoonDays?: number } = {},
): PublicationDeadline {
  const dueDate = publicationDueDate(formedDate, overrides, options.days);
  if (today > dueDate) return { dueDate, status: 'overdue', workingDaysLeft: 0, workingDaysOverdue: workingDaysBetween(dueDate, today, overrides) };
  const left = workingDaysBetween(today, dueDate, overrides);
  return { dueDate, status: left <= (options.dueSoonDays ?? DUE_SOON_WORKING_DAYS) ? 'due_soon' : 'on_track', workingDaysLeft: left, workingDaysOverdue: 0 };
}

/** The working days a published item took, kept on the item for the annual figures. */
export function workingDaysTaken(formedDate: IsoDate, publishedDate: IsoDate, overrides: Overrides): number {
  return workingDaysBetween(formedDate, publishedDate, overrides);
}

export function isPublishedInTime(formedDate: IsoDate, publishedDate: IsoDate, overrides: Overrides, days: number = PUBLICATION_DEADLINE_WORKING_DAYS): boolean {
  return publishedDate <= publicationDueDate(formedDate, overrides, days);
}

/** The deadline chip: 剩余 3 个工作日 / 今日到期 / 已逾期 2 个工作日. */
export function deadlineChipText(d: PublicationDeadline): string {
  switch (d.status) {
    case 'overdue':
      return d.workingDaysOverdue > 0 ? `已逾期 ${d.workingDaysOverdue} 个工作日` : '已逾期';
    case 'due_soon':
    case 'on_track':
      return d.workingDaysLeft === 0 ? '今日到期' : `剩余 ${d.workingDaysLeft} 个工作日`;
    default: {
      const unreachable: never = d.status;
      return unreachable;
    }
  }
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DayKind } from '../../platform/calendar/workdays.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ItemStatus as TableItemStatus, RevisionState as TableRevisionState } from './disclosure.tables.ts';
import {
  assertTransition,
  checkTransition,
  classifyPublicationDeadline,
  deadlineChipText,
  isPublishedInTime,
  ITEM_STATUSES,
  publicationDueDate,
  REVISION_STATES,
  TRANSITIONS,
  VERBS,
  verbsAllowedIn,
  workingDaysTaken,
  type CurrentState,
  type ItemStatus,
  type RevisionState,
  type TransitionInput,
  type Verb,
} from './disclosure.workflow.ts';

// Inputs that pass every guard, so only the state decides.
const GOOD: { [V in Verb]: Extract<TransitionInput, { verb: V }> } = {
  edit: { verb: 'edit' },
  submit: { verb: 'submit' },
  return: { verb: 'return', comment: '请补充政策依据' },
  publish: { verb: 'publish', actorId: 'reviewer', authorIds: ['editor'], fourEyes: true, secrecyReview: { reviewerId: 'reviewer', confirmedAt: '2026-11-27T10:00:00+08:00' }, minorChange: false, changeNote: '更正附件' },
  supersede: { verb: 'supersede' },
  createRevision: { verb: 'createRevision', hasPendingRevision: false },
  withdraw: { verb: 'withdraw', notice: '本文件已被新文件取代' },
  revoke: { verb: 'revoke', itemId: 'a', currentValidity: 'valid', validity: 'repealed', effectiveDate: '2026-11-27', reason: '已被新规定替代', replacedByItemId: 'b' },
  unpublish: { verb: 'unpublish', reason: '误发了内部征求意见稿' },
};

// The legal moves, written out by hand (not derived from the table under test).
const LEGAL: Record<Verb, { revision: (RevisionState | undefined)[] | 'any'; item: ItemStatus[] }> = {
  edit: { revision: ['draft'], item: ['never_published', 'published', 'withdrawn', 'unpublished'] },
  submit: { revision: ['draft'], item: ['never_published', 'published', 'withdrawn', 'unpublished'] },
  return: { revision: ['submitted'], item: ['never_published', 'published', 'withdrawn', 'unpublished'] },
  publish: { revision: ['submitted'], item: ['never_published', 'published', 'unpublished'] },
  supersede: { revision: ['published'], item: ['never_published', 'published', 'withdrawn', 'unpublished'] },
  createRevision: { revision: 'any', item: ['published', 'unpublished'] },
  withdraw: { revision: 'any', item: ['published'] },
  revoke: { revision: 'any', item: ['published', 'withdrawn'] },
  unpublish: { revision: 'any', item: ['published', 'withdrawn'] },
};

const REVISIONS: (RevisionState | undefined)[] = [undefined, ...REVISION_STATES];
const cases = VERBS.flatMap((verb) => REVISIONS.flatMap((revision) => ITEM_STATUSES.map((item) => ({ verb, revision, item }))));

describe('transition table', () => {
  it('covers every revision state × item status × verb pair', () => {
    expect(cases).toHaveLength(9 * 5 * 4);
  });

  it.each(cases)('$verb with revision $revision of a $item item', ({ verb, revision, item }) => {
    const legal = LEGAL[verb];
    const expected = (legal.revision === 'any' || legal.revision.includes(revision)) && legal.item.includes(item);
    const current: CurrentState = revision ? { revision, item } : { item };
    const result = checkTransition(current, GOOD[verb]);
    expect(result.ok).toBe(expected);
    if (!result.ok) {
      expect(result.refusals).toEqual([{ code: 'ILLEGAL_STATE', message: expect.stringMatching(/不能|须针对/) }]);
      expect(() => assertTransition(current, GOOD[verb])).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    }
  });

  it('moves to the states the issue describes', () => {
    expect(checkTransition({ revision: 'draft', item: 'never_published' }, GOOD.submit)).toEqual({ ok: true, revision: 'submitted', item: 'never_published' });
    expect(checkTransition({ revision: 'submitted', item: 'never_published' }, GOOD.return)).toEqual({ ok: true, revision: 'draft', item: 'never_published' });
    expect(checkTransition({ revision: 'submitted', item: 'never_published' }, { ...GOOD.publish, changeNote: '' })).toEqual({ ok: true, revision: 'published', item: 'published' });
    expect(checkTransition({ revision: 'published', item: 'published' }, GOOD.supersede)).toEqual({ ok: true, revision: 'superseded', item: 'published' });
    expect(checkTransition({ item: 'published' }, GOOD.withdraw)).toEqual({ ok: true, revision: null, item: 'withdrawn' });
    expect(checkTransition({ item: 'withdrawn' }, GOOD.revoke)).toEqual({ ok: true, revision: null, item: 'withdrawn' });
    expect(checkTransition({ item: 'withdrawn' }, GOOD.unpublish)).toEqual({ ok: true, revision: null, item: 'unpublished' });
    expect(checkTransition({ revision: 'submitted', item: 'unpublished' }, GOOD.publish)).toEqual({ ok: true, revision: 'published', item: 'published' });
    expect(checkTransition({ item: 'published' }, GOOD.createRevision)).toEqual({ ok: true, revision: null, item: 'published' });
  });

  it('offers the verbs whose preconditions hold', () => {
    expect(verbsAllowedIn({ revision: 'submitted', item: 'published' })).toEqual(['return', 'publish', 'createRevision', 'withdraw', 'revoke', 'unpublish']);
    expect(verbsAllowedIn({ item: 'unpublished' })).toEqual(['createRevision']);
  });

  it('uses the states of the schema (migration 0010)', () => {
    const sql = readFileSync(new URL('../../../migrations/0010__disclosure__items.sql', import.meta.url), 'utf8');
    const listOf = (constraint: string) => [...(new RegExp(`${constraint} CHECK \\(\\w+ IN \\(([^)]*)\\)`).exec(sql)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(listOf('item_revisions_state_check')).toEqual([...REVISION_STATES]);
    expect(listOf('items_status_check')).toEqual([...ITEM_STATUSES]);
    const sameRevision: TableRevisionState extends RevisionState ? (RevisionState extends TableRevisionState ? true : false) : false = true;
    const sameItem: TableItemStatus extends ItemStatus ? (ItemStatus extends TableItemStatus ? true : false) : false = true;
    expect(sameRevision && sameItem).toBe(true);
    expect(Object.keys(TRANSITIONS)).toEqual(VERBS);
  });
});

describe('guards', () => {
  const submitted: CurrentState = { revision: 'submitted', item: 'never_published' };
  const codes = (current: CurrentState, input: TransitionInput) => {
    const r = checkTransition(current, input);
    return r.ok ? [] : r.refusals.map((x) => x.code);
  };

  it('returning to draft needs a comment', () => {
    expect(codes(submitted, { verb: 'return', comment: '  ' })).toEqual(['COMMENT_REQUIRED']);
  });

  it('publishing needs a recorded 保密审查', () => {
    expect(codes(submitted, { ...GOOD.publish, secrecyReview: null })).toEqual(['SECRECY_REVIEW_MISSING']);
    expect(codes(submitted, { ...GOOD.publish, secrecyReview: { reviewerId: 'reviewer', confirmedAt: '' } })).toEqual(['SECRECY_REVIEW_MISSING']);
    expect(() => assertTransition(submitted, { ...GOOD.publish, secrecyReview: null })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [{ field: 'secrecyReview', message: '发布前须由审核人确认保密审查' }] }));
  });

  it('four-eyes: an editor cannot publish or secrecy-check their own draft, unless the agency switched it off', () => {
    const own = { ...GOOD.publish, actorId: 'editor', authorIds: ['editor'], secrecyReview: { reviewerId: 'editor', confirmedAt: '2026-11-27T10:00:00+08:00' } };
    expect(codes(submitted, own)).toEqual(['SECRECY_REVIEW_BY_AUTHOR', 'FOUR_EYES']);
    expect(() => assertTransition(submitted, own)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(checkTransition(submitted, { ...own, fourEyes: false }).ok).toBe(true);
  });

  it('a new revision of a public item needs a change note unless minor; the first publication does not', () => {
    const republish: CurrentState = { revision: 'submitted', item: 'published' };
    expect(codes(republish, { ...GOOD.publish, changeNote: '' })).toEqual(['CHANGE_NOTE_REQUIRED']);
    expect(codes(republish, { ...GOOD.publish, changeNote: '', minorChange: true })).toEqual([]);
    expect(codes({ revision: 'submitted', item: 'unpublished' }, { ...GOOD.publish, changeNote: '' })).toEqual(['CHANGE_NOTE_REQUIRED']);
    expect(codes(submitted, { ...GOOD.publish, changeNote: '' })).toEqual([]);
  });

  it('a 重大政策 waits for its interpretation unless the reviewer records an exception', () => {
    expect(codes(submitted, { ...GOOD.publish, majorPolicy: { hasReadyInterpretation: false, exceptionReason: '' } })).toEqual(['INTERPRETATION_MISSING']);
    expect(codes(submitted, { ...GOOD.publish, majorPolicy: { hasReadyInterpretation: false, exceptionReason: '紧急发布，解读随后' } })).toEqual([]);
    expect(codes(submitted, { ...GOOD.publish, majorPolicy: { hasReadyInterpretation: true, exceptionReason: '' } })).toEqual([]);
  });

  it('only one unpublished revision at a time', () => {
    expect(codes({ item: 'published' }, { verb: 'createRevision', hasPendingRevision: true })).toEqual(['PENDING_REVISION_EXISTS']);
    expect(() => assertTransition({ item: 'published' }, { verb: 'createRevision', hasPendingRevision: true })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('withdrawing needs a public notice; unpublishing needs a reason', () => {
    expect(codes({ item: 'published' }, { verb: 'withdraw', notice: '' })).toEqual(['NOTICE_REQUIRED']);
    expect(codes({ item: 'published' }, { verb: 'unpublish', reason: '' })).toEqual(['REASON_REQUIRED']);
  });

  it('revoking needs a date and reason, once, and cannot point at itself', () => {
    expect(codes({ item: 'published' }, { ...GOOD.revoke, currentValidity: 'expired' })).toEqual(['ALREADY_REVOKED']);
    expect(codes({ item: 'published' }, { ...GOOD.revoke, effectiveDate: '2026-02-30', reason: '', replacedByItemId: 'a' })).toEqual(['BAD_DATE', 'REASON_REQUIRED', 'SELF_REPLACEMENT']);
    expect(codes({ item: 'published' }, { ...GOOD.revoke, validity: 'expired', replacedByItemId: null })).toEqual([]);
  });

  it('assertTransition returns the new states when allowed', () => {
    expect(assertTransition({ revision: 'draft', item: 'never_published' }, GOOD.submit)).toEqual({ revision: 'submitted', item: 'never_published' });
    expect(new AppError('ILLEGAL_TRANSITION', 'x').status).toBe(409);
  });
});

// 国庆/中秋 2025 (国办发明电〔2024〕12号): 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are workdays.
const overrides = new Map<string, DayKind>([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((d) => [d, 'holiday'] as [string, DayKind]),
  ['2025-09-28', 'workday'],
  ['2025-10-11', 'workday'],
]);

describe('20 working days (条例 第二十六条)', () => {
  it('is due 20 working days after the 成文日期, across 国庆 and its make-up days', () => {
    expect(publicationDueDate('2025-09-19', overrides)).toBe('2025-10-23');
    expect(publicationDueDate('2025-09-19', overrides, 5)).toBe('2025-09-26');
  });

  it('classifies drafts as on track, due soon, due today and overdue', () => {
    expect(classifyPublicationDeadline('2025-09-19', '2025-09-22', overrides)).toEqual({ dueDate: '2025-10-23', status: 'on_track', workingDaysLeft: 19, workingDaysOverdue: 0 });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-20', overrides)).toMatchObject({ status: 'due_soon', workingDaysLeft: 3 });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-17', overrides)).toMatchObject({ status: 'on_track', workingDaysLeft: 4 });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-17', overrides, { dueSoonDays: 5 })).toMatchObject({ status: 'due_soon' });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-23', overrides)).toMatchObject({ status: 'due_soon', workingDaysLeft: 0 });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-27', overrides)).toEqual({ dueDate: '2025-10-23', status: 'overdue', workingDaysLeft: 0, workingDaysOverdue: 2 });
    expect(classifyPublicationDeadline('2025-09-19', '2025-10-25', overrides)).toMatchObject({ status: 'overdue', workingDaysOverdue: 1 });
  });

  it('labels the deadline chip', () => {
    expect(deadlineChipText(classifyPublicationDeadline('2025-09-19', '2025-10-20', overrides))).toBe('剩余 3 个工作日');
    expect(deadlineChipText(classifyPublicationDeadline('2025-09-19', '2025-10-23', overrides))).toBe('今日到期');
    expect(deadlineChipText(classifyPublicationDeadline('2025-09-19', '2025-10-27', overrides))).toBe('已逾期 2 个工作日');
    expect(deadlineChipText({ dueDate: '2025-10-24', status: 'overdue', workingDaysLeft: 0, workingDaysOverdue: 0 })).toBe('已逾期');
  });

  it('counts the working days a published item took and whether it was in time', () => {
    expect(workingDaysTaken('2025-09-19', '2025-10-09', overrides)).toBe(9);
    expect(workingDaysTaken('2025-09-19', '2025-09-19', overrides)).toBe(0);
    expect(isPublishedInTime('2025-09-19', '2025-10-23', overrides)).toBe(true);
    expect(isPublishedInTime('2025-09-19', '2025-10-24', overrides)).toBe(false);
  });

  it('applies to the seed: 成文 2018-06-06, published 2018-06-13 (端午 was 06-18)', () => {
    const duanwu = new Map<string, DayKind>([['2018-06-18', 'holiday']]);
    expect(workingDaysTaken('2018-06-06', '2018-06-13', duanwu)).toBe(5);
    expect(publicationDueDate('2018-06-06', duanwu)).toBe('2018-07-05');
  });
});

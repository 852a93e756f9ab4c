import { describe, expect, it } from 'vitest';
import { draftFieldErrors, draftInputFromValues, draftValuesFromBody, publishInputFromForm, revokeInputFromForm, versionFromForm } from './items.form.ts';

describe('items.form', () => {
  it('turns a drafting form body into the service input', () => {
    const values = draftValuesFromBody({ agencyId: 'a', title: ' 标题 ', policyTags: 'tendering', keywords: '政务公开，测试 公开', isMajorPolicy: 'on', disclosureMode: 'withheld', withholdReason: 'EX14-SECRET', withholdNote: '不用', interpretsItemIds: ['x', ''], interpretationForm: '' });
    const input = draftInputFromValues(values, 'create');
    expect(input.title).toBe('标题');
    expect(input.policyTags).toEqual(['tendering']);
    expect(input.keywords).toEqual(['政务公开', '测试', '公开']);
    expect(input.isMajorPolicy).toBe(true);
    expect(input.withholdReason).toBe('EX14-SECRET');
    expect(input.interpretsItemIds).toEqual(['x']);
    expect('interpretationForm' in input).toBe(false);
    expect(input.agencyId).toBe('a');
    expect('agencyId' in draftInputFromValues(values, 'update')).toBe(false);
  });

  it('takes the 依申请公开 reason from the words, and shows its error there', () => {
    const values = draftValuesFromBody({ disclosureMode: 'on_request', withholdReason: 'EX14-SECRET', withholdNote: ' 涉及第三方 ' });
    expect(draftInputFromValues(values, 'create').withholdReason).toBe('涉及第三方');
    expect(draftFieldErrors(values, [{ field: 'withholdReason', message: 'm' }])).toEqual([{ field: 'withholdNote', message: 'm' }]);
    const proactive = draftValuesFromBody({ disclosureMode: 'proactive', withholdReason: 'EX14-SECRET' });
    expect(draftInputFromValues(proactive, 'create').withholdReason).toBe('');
  });

  it('reads the version, the publish and the revoke forms', () => {
    expect(versionFromForm({ version: '3' })).toBe(3);
    expect(versionFromForm({ version: '3x' })).toBeNaN();
    expect(versionFromForm(null)).toBeNaN();
    expect(publishInputFromForm({ changeNote: ' ', isMinorChange: '1', interpretationException: ' 急需 ' })).toEqual({ isMinorChange: true, interpretationException: '急需' });
    expect(revokeInputFromForm({ validity: 'expired', effectiveDate: '2026-01-01', reason: ' 到期 ', replacedByItemId: '' })).toEqual({ validity: 'expired', effectiveDate: '2026-01-01', reason: '到期' });
  });
});

import { describe, expect, it } from 'vitest';
import { agencyInputFromForm, formValuesFromBody, versionFromForm } from './agencies.form.ts';

describe('agencyInputFromForm', () => {
  it('trims, turns empty optional fields into null, upper-cases the credit code and reads checkboxes and numbers', () => {
    const input = agencyInputFromForm(
      { code: ' cq-x ', parentId: '', name: ' 重庆市某局 ', creditCode: '11500000mb1234567x', docPrefix: '', officeFax: ' ', officeEmail: 'a@b.cn', sortOrder: '12', fourEyes: '1', _csrf: 't' },
      'create',
    );
    expect(input).toMatchObject({ code: 'cq-x', parentId: null, name: '重庆市某局', creditCode: '11500000MB1234567X', docPrefix: null, officeFax: null, officeEmail: 'a@b.cn', sortOrder: 12, fourEyes: true, isDemo: false });
    expect(input).not.toHaveProperty('_csrf');
  });

  it('leaves what it cannot read for the schema to name, and drops the code when editing', () => {
    const input = agencyInputFromForm({ code: 'x', sortOrder: '第一', name: ['a', 'b'] }, 'edit');
    expect(input.sortOrder).toBe('第一');
    expect(input.name).toEqual(['a', 'b']);
    expect(input).not.toHaveProperty('code');
    expect(agencyInputFromForm({ sortOrder: '' }, 'create').sortOrder).toBe(0);
  });
});

describe('formValuesFromBody and versionFromForm', () => {
  it('keeps only strings for the re-rendered form; a bad version is NaN', () => {
    expect(formValuesFromBody({ name: ['a'], kind: 'government', isDemo: '1' })).toMatchObject({ name: undefined, kind: 'government', isDemo: true, fourEyes: false });
    expect(versionFromForm({ version: '7' })).toBe(7);
    expect(versionFromForm({ version: '7x' })).toBeNaN();
    expect(versionFromForm(undefined)).toBeNaN();
  });
});

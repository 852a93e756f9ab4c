import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { TICKET_VERBS } from './hotline.workflow.ts';
import { checkIntake, readTransitionInput } from './tickets.schema.ts';

const ctx = { config: DEFAULT_HOTLINE_CONFIG, channels: ['phone', 'web', 'mailbox'] as const, defaultChannel: 'phone' as const };
const good = { type: 'help', content: '小区门口的路灯坏了好几天', categoryCode: '010103', lat: '29.5', long: '106.5', publishConsent: 'on', mediaUrls: ['https://a.example/1.jpg'] };

describe('checkIntake', () => {
  it('reads form strings into a typed intake', () => {
    const r = checkIntake(good, ctx);
    expect(r.ok && r.value).toMatchObject({ channel: 'phone', type: 'help', urgency: 'normal', lat: 29.5, long: 106.5, publishConsent: true, confidentiality: 'standard', mediaUrls: ['https://a.example/1.jpg'] });
  });

  it('lists every bad field at once in Chinese', () => {
    const r = checkIntake(
      { channel: 'fax', type: 'x', urgency: 'soon', categoryCode: '01', districtCode: 'abc', content: '长'.repeat(4001), lat: '1', contactEmail: 'no', confidentiality: 'secret', mediaUrls: 'javascript:alert(1)' },
      ctx,
    );
    expect(r.ok).toBe(false);
    const fields = r.ok ? [] : r.fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['categoryCode', 'channel', 'confidentiality', 'contactEmail', 'content', 'districtCode', 'lat', 'mediaUrls', 'type', 'urgency']);
    expect(r.ok ? [] : r.fields.filter((f) => !/[\u4e00-\u9fa5]/.test(f.message))).toEqual([]);
  });

  it('refuses coordinates out of range and a too short description', () => {
    const r = checkIntake({ ...good, lat: '-91', long: '181', content: '短' }, ctx);
    expect(r.ok ? [] : r.fields.map((f) => f.field)).toEqual(['content', 'lat', 'long']);
  });

  it('a citizen form cannot pick another channel; a letter needs a title', () => {
    const web = checkIntake({ ...good, channel: 'phone' }, { ...ctx, channels: ['web'], defaultChannel: 'web' });
    expect(web.ok).toBe(false);
    const letter = checkIntake(good, { ...ctx, channels: ['mailbox'], defaultChannel: 'mailbox', requireTitle: true });
    expect(letter.ok ? [] : letter.fields.map((f) => f.field)).toEqual(['title']);
  });
});

describe('readTransitionInput', () => {
  it('reads every verb without throwing, coercing numbers and lists', () => {
    for (const verb of TICKET_VERBS) expect(typeof readTransitionInput(verb, {})).toBe('object');
    expect(readTransitionInput('requestExtension', { workdays: '5', reason: ' 需要 ' })).toEqual({ workdays: 5, reason: '需要' });
    expect(readTransitionInput('approveExtension', { workdays: 'five' }).workdays).toBeNaN();
    expect(readTransitionInput('dispatch', { leadAgencyId: 'a', assistingAgencyIds: 'b' })).toEqual({ leadAgencyId: 'a', assistingAgencyIds: ['b'] });
    expect(readTransitionInput('merge', { targetId: '20250101000001', extra: 'x' })).toEqual({ targetId: '20250101000001' });
  });
});

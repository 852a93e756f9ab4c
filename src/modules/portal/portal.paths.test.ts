import { describe, expect, it } from 'vitest';
import { parseElderModeSwitch, toLocalPath } from './portal.paths.ts';

describe('toLocalPath', () => {
  it.each([
    ['/', '/'],
    ['/sitemap', '/sitemap'],
    ['/search?q=%E6%94%BF%E5%8A%A1&page=2', '/search?q=%E6%94%BF%E5%8A%A1&page=2'],
    ['/a/../b', '/b'],
    ['/agencies/500000#top', '/agencies/500000#top'],
  ])('keeps the local path %s', (input, expected) => {
    expect(toLocalPath(input)).toBe(expected);
  });

  it.each(['', 'sitemap', '//evil.example', '/\\evil.example', '///evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a\nb', '/a\tb', '/a\\b', `/${'a'.repeat(2001)}`, 42, undefined, ['/']])(
    'refuses %j',
    (input) => {
      expect(toLocalPath(input)).toBeNull();
    },
  );
});

describe('parseElderModeSwitch', () => {
  it('reads on/off and defaults next to the home page', () => {
    expect(parseElderModeSwitch({ on: '1', next: '/sitemap' })).toEqual({ on: true, next: '/sitemap' });
    expect(parseElderModeSwitch({ on: '0' })).toEqual({ on: false, next: '/' });
  });

  it('names every bad field at once', () => {
    const r = parseElderModeSwitch({ on: 'x', next: '//evil.example' });
    expect('errors' in r && r.errors.map((e) => e.field)).toEqual(['on', 'next']);
  });
});

import { LOCALES, missingLocales, pickLocalized } from '@sillat/shared';
import { describe, expect, it } from 'vitest';

describe('pickLocalized', () => {
  it('returns the requested language when it is there', () => {
    expect(pickLocalized({ fi: 'Kallio', sv: 'Berghäll', en: 'Kallio district' }, 'sv')).toEqual({
      text: 'Berghäll',
      locale: 'sv',
    });
  });

  it('falls back through Finnish, Swedish, English in that order', () => {
    expect(pickLocalized({ sv: 'Berghäll', en: 'Kallio district' }, 'fi')).toEqual({ text: 'Berghäll', locale: 'sv' });
    expect(pickLocalized({ fi: 'Kallio', sv: 'Berghäll' }, 'en')).toEqual({ text: 'Kallio', locale: 'fi' });
    expect(pickLocalized({ en: 'Kallio district' }, 'sv')).toEqual({ text: 'Kallio district', locale: 'en' });
    expect(pickLocalized({ fi: 'Kallio', en: 'Kallio district' }, 'sv')).toEqual({ text: 'Kallio', locale: 'fi' });
  });

  it('treats blank translations as missing and trims the text', () => {
    expect(pickLocalized({ fi: '   ', sv: '  Berghäll ' }, 'fi')).toEqual({ text: 'Berghäll', locale: 'sv' });
  });

  it('returns undefined when no language has text', () => {
    expect(pickLocalized({}, 'fi')).toBeUndefined();
    expect(pickLocalized({ fi: '', sv: ' ', en: '\n' }, 'en')).toBeUndefined();
  });
});

describe('missingLocales', () => {
  it('lists the working languages without text, in product order', () => {
    expect(missingLocales({ sv: 'Berghäll' })).toEqual(['fi', 'en']);
    expect(missingLocales({ fi: 'Kallio', sv: ' ' })).toEqual(['sv', 'en']);
    expect(missingLocales({})).toEqual([...LOCALES]);
  });

  it('is empty when all three are given', () => {
    expect(missingLocales({ fi: 'a', sv: 'b', en: 'c' })).toEqual([]);
  });
});

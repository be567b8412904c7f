import { normaliseLanguageCode } from '@sillat/shared';
import { describe, expect, it } from 'vitest';

describe('normaliseLanguageCode', () => {
  it.each([
    ['so', 'so'],
    ['FSE', 'fse'],
    [' Ar ', 'ar'],
    ['fss', 'fss'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseLanguageCode(input)).toBe(expected);
  });

  it.each(['xx1', 'english', '', 'e', 'en-GB', 'fi_FI', '12', 's o'])('rejects %j', (input) => {
    expect(normaliseLanguageCode(input)).toBeUndefined();
  });
});

import { Contact, DistrictInput, PopulationGroupInput } from '@sillat/shared';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issuesToDetails } from '../../functions/src/http/validation';

const issuesOf = (result: z.ZodSafeParseResult<unknown>) => {
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
};

describe('issuesToDetails', () => {
  it('gives one detail per unknown field, named by its full path', () => {
    const details = issuesToDetails(
      issuesOf(DistrictInput.safeParse({ name: { fi: 'Kallio', de: 'x' }, role: 'admin', pk: 'MUNI#other' })),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'name.de', message: 'Unknown field.' },
        { field: 'role', message: 'Unknown field.' },
        { field: 'pk', message: 'Unknown field.' },
      ]),
    );
    expect(details).toHaveLength(3);
  });

  it('says "Required." for a missing field', () => {
    expect(issuesToDetails(issuesOf(DistrictInput.safeParse({})))).toEqual([{ field: 'name', message: 'Required.' }]);
  });

  it('keeps the reason for a field of the wrong type instead of calling it missing', () => {
    const details = issuesToDetails(issuesOf(DistrictInput.safeParse({ name: 42 })));
    expect(details).toHaveLength(1);
    expect(details[0]?.field).toBe('name');
    expect(details[0]?.message).not.toBe('Required.');
    expect(details[0]?.message).toMatch(/object/);
  });

  it('joins array indexes into the field path and keeps custom messages', () => {
    const details = issuesToDetails(
      issuesOf(PopulationGroupInput.safeParse({ name: { fi: 'a' }, languages: ['so', 'english'] })),
    );
    expect(details).toEqual([
      { field: 'languages.1', message: '"english" is not a language code (ISO 639, e.g. "so" or "ar").' },
    ]);
  });

  it('uses "" as the field for a problem with the body as a whole', () => {
    expect(issuesToDetails(issuesOf(DistrictInput.safeParse({ name: {} })))).toEqual([
      { field: 'name', message: 'Give the name in at least one language (fi, sv or en).' },
    ]);
    expect(issuesToDetails(issuesOf(DistrictInput.safeParse(null)))).toEqual([
      { field: '', message: expect.any(String) },
    ]);
  });

  it('tells a person what is wrong with an optional contact field', () => {
    // Contact fields accept "" (a cleared form field) or a real value; the detail
    // must carry the real value's reason, not the union's generic "Invalid input".
    expect(issuesToDetails(issuesOf(Contact.safeParse({ email: 'aino@' })))).toEqual([
      { field: 'email', message: 'Not a valid e-mail address.' },
    ]);
    expect(issuesToDetails(issuesOf(Contact.safeParse({ phone: 'call me' })))).toEqual([
      { field: 'phone', message: 'Use digits, spaces, brackets, dashes and an optional leading +.' },
    ]);
  });

  it('returns no details for no issues', () => {
    expect(issuesToDetails([])).toEqual([]);
  });
});

import { Contact, Id, LIMITS, LocalizedName } from '@sillat/shared';
import { describe, expect, it } from 'vitest';

/** Paths (dotted) and codes of every issue of a failed parse. */
function issues(result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; code: string }[] } }) {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
}

describe('LocalizedName', () => {
  it('keeps the given languages, trimmed', () => {
    expect(LocalizedName.parse({ fi: '  Kallio ', sv: 'Berghäll' })).toEqual({ fi: 'Kallio', sv: 'Berghäll' });
  });

  it('drops empty strings instead of storing them', () => {
    const out = LocalizedName.parse({ fi: 'Kallio', sv: '', en: '   ' });
    expect(out).toStrictEqual({ fi: 'Kallio' });
    expect(Object.keys(out)).toEqual(['fi']);
  });

  it('needs at least one language', () => {
    expect(issues(LocalizedName.safeParse({}))).toEqual([{ path: '', code: 'custom' }]);
    expect(issues(LocalizedName.safeParse({ fi: '', sv: ' ' }))).toEqual([{ path: '', code: 'custom' }]);
  });

  it(`accepts ${LIMITS.name} characters and rejects one more`, () => {
    expect(LocalizedName.safeParse({ en: 'a'.repeat(LIMITS.name) }).success).toBe(true);
    expect(issues(LocalizedName.safeParse({ en: 'a'.repeat(LIMITS.name + 1) }))).toEqual([
      { path: 'en', code: 'too_big' },
    ]);
  });

  it('rejects control characters but not newline or tab', () => {
    for (const bad of ['Kal\u0000lio', 'Kal\u0007lio', 'Kal\u001blio', 'Kal\u007flio']) {
      expect(issues(LocalizedName.safeParse({ fi: bad }))).toEqual([{ path: 'fi', code: 'custom' }]);
    }
    expect(LocalizedName.parse({ fi: 'Kallio\tja\nSörnäinen' })).toEqual({ fi: 'Kallio\tja\nSörnäinen' });
  });

  it('rejects a language it does not know', () => {
    const result = LocalizedName.safeParse({ fi: 'Kallio', de: 'Kallio' });
    expect(issues(result)).toEqual([{ path: '', code: 'unrecognized_keys' }]);
    expect(result.error?.issues[0]).toMatchObject({ keys: ['de'] });
  });

  it('rejects non-string translations', () => {
    expect(issues(LocalizedName.safeParse({ fi: 42 }))).toEqual([{ path: 'fi', code: 'invalid_type' }]);
    expect(LocalizedName.safeParse('Kallio').success).toBe(false);
  });
});

describe('Contact', () => {
  it('lower-cases the e-mail address', () => {
    expect(Contact.parse({ email: 'Aino.Virtanen@Example.ORG' })).toEqual({ email: 'aino.virtanen@example.org' });
  });

  it('accepts phone numbers as officials write them', () => {
    for (const phone of ['09 310 1234', '+358 40 123 4567', '(09) 310-1234']) {
      expect(Contact.parse({ phone }).phone).toBe(phone);
    }
  });

  it('rejects a phone number with letters or too few digits', () => {
    for (const phone of ['call me', '040-CALL-NOW', '123', '+358 40 123 4567 ext. 2']) {
      expect(issues(Contact.safeParse({ phone }))).toEqual([{ path: 'phone', code: 'invalid_format' }]);
    }
  });

  it('rejects a malformed e-mail address', () => {
    for (const email of ['aino@', 'aino.example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(issues(Contact.safeParse({ email })).map((i) => i.path)).toEqual(['email']);
    }
  });

  it('treats "" (a cleared form field) as absent', () => {
    const out = Contact.parse({ name: '', email: '', phone: '' });
    expect(out.name).toBeUndefined();
    expect(out.email).toBeUndefined();
    expect(out.phone).toBeUndefined();
    // Absent after serialisation too: nothing "" is stored.
    expect(JSON.parse(JSON.stringify(out))).toStrictEqual({});
  });

  it('rejects a blank name and unknown fields', () => {
    expect(issues(Contact.safeParse({ name: '   ' }))).toEqual([{ path: 'name', code: 'too_small' }]);
    expect(issues(Contact.safeParse({ name: 'Aino', ssn: '010101-123A' }))).toEqual([
      { path: '', code: 'unrecognized_keys' },
    ]);
  });
});

describe('Id', () => {
  it('accepts a UUID and rejects anything else', () => {
    expect(Id.safeParse('00000000-0000-4000-8000-000000000101').success).toBe(true);
    expect(Id.safeParse('101').success).toBe(false);
    expect(Id.safeParse('../etc/passwd').success).toBe(false);
  });
});

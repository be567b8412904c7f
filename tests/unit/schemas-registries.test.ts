import {
  DistrictInput,
  DistrictPatch,
  LIMITS,
  MIN_PRIVACY_THRESHOLD,
  MunicipalityPatch,
  OrganisationInput,
  OrganisationPatch,
  PopulationGroupInput,
  PopulationGroupPatch,
} from '@sillat/shared';
import { COMMON_LANGUAGES } from '@sillat/shared/languages';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';

const name = { fi: 'Kallio', sv: 'Berghäll', en: 'Kallio' };

/** The unknown keys zod reported, or [] when the parse succeeded or failed for another reason. */
function unknownKeys(result: z.ZodSafeParseResult<unknown>): string[] {
  return (result.error?.issues ?? []).flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
}

const registries = [
  { label: 'DistrictInput', schema: DistrictInput, valid: { name, liaisonOfficer: { name: 'Aino' } } },
  { label: 'DistrictPatch', schema: DistrictPatch, valid: { name } },
  { label: 'PopulationGroupInput', schema: PopulationGroupInput, valid: { name, languages: ['so'] } },
  { label: 'PopulationGroupPatch', schema: PopulationGroupPatch, valid: { languages: ['so'] } },
  { label: 'OrganisationInput', schema: OrganisationInput, valid: { name, contact: { email: 'a@example.org' } } },
  { label: 'OrganisationPatch', schema: OrganisationPatch, valid: { contact: { phone: '09 310 1234' } } },
] as const;

describe.each(registries)('$label', ({ schema, valid }) => {
  it('accepts a valid body', () => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it.each(['role', 'pk', 'version', 'municipalityId', 'archived', 'id'])('rejects the unknown field %s', (field) => {
    const result = schema.safeParse({ ...valid, [field]: 'x' });
    expect(result.success).toBe(false);
    expect(unknownKeys(result)).toEqual([field]);
  });
});

describe('patch bodies', () => {
  it.each([
    ['DistrictPatch', DistrictPatch],
    ['PopulationGroupPatch', PopulationGroupPatch],
    ['OrganisationPatch', OrganisationPatch],
  ] as const)('%s needs at least one field', (_label, schema) => {
    const result = schema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Give at least one field to change.']);
  });

  it('does not default languages in a group patch (a rename must not wipe them)', () => {
    expect(PopulationGroupPatch.parse({ name })).toStrictEqual({ name });
  });
});

describe('population group languages', () => {
  it('normalises and de-duplicates language codes, keeping first-seen order', () => {
    const out = PopulationGroupInput.parse({ name, languages: ['so', 'SO', ' so ', 'fi', 'FSE', 'fse'] });
    expect(out.languages).toEqual(['so', 'fi', 'fse']);
  });

  it('defaults to no languages', () => {
    expect(PopulationGroupInput.parse({ name }).languages).toEqual([]);
  });

  it('rejects an invalid code, naming it and its position', () => {
    const result = PopulationGroupInput.safeParse({ name, languages: ['so', 'english'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['languages', 1], message: expect.stringContaining('"english"') }),
    ]);
  });

  it(`accepts ${LIMITS.languages} languages and rejects more`, () => {
    // Distinct, valid codes: the common ones plus a few more, enough to pass the limit.
    const codes = [...new Set([...COMMON_LANGUAGES, 'de', 'fr', 'it', 'pl', 'ja'])];
    expect(codes.length).toBeGreaterThan(LIMITS.languages);
    expect(PopulationGroupInput.safeParse({ name, languages: codes.slice(0, LIMITS.languages) }).success).toBe(true);
    const result = PopulationGroupInput.safeParse({ name, languages: codes.slice(0, LIMITS.languages + 1) });
    expect(result.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });
});

describe('MunicipalityPatch', () => {
  it(`accepts a privacy threshold of ${MIN_PRIVACY_THRESHOLD} and rejects ${MIN_PRIVACY_THRESHOLD - 1}`, () => {
    expect(MIN_PRIVACY_THRESHOLD).toBe(3);
    expect(MunicipalityPatch.parse({ privacyThreshold: 3 })).toEqual({ privacyThreshold: 3 });
    const result = MunicipalityPatch.safeParse({ privacyThreshold: 2 });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['privacyThreshold'], code: 'too_small', message: 'Must be at least 3.' }),
    ]);
  });

  it('rejects a fractional, too large or non-numeric threshold', () => {
    expect(MunicipalityPatch.safeParse({ privacyThreshold: 4.5 }).success).toBe(false);
    expect(MunicipalityPatch.safeParse({ privacyThreshold: 51 }).success).toBe(false);
    expect(MunicipalityPatch.safeParse({ privacyThreshold: '5' }).success).toBe(false);
    expect(MunicipalityPatch.parse({ privacyThreshold: 50 })).toEqual({ privacyThreshold: 50 });
  });

  it('needs at least one field and rejects unknown ones', () => {
    expect(MunicipalityPatch.safeParse({}).success).toBe(false);
    expect(unknownKeys(MunicipalityPatch.safeParse({ privacyThreshold: 5, version: 2 }))).toEqual(['version']);
  });

  it('only accepts the three working languages as default', () => {
    expect(MunicipalityPatch.parse({ defaultLocale: 'sv' })).toEqual({ defaultLocale: 'sv' });
    expect(MunicipalityPatch.safeParse({ defaultLocale: 'de' }).success).toBe(false);
  });
});

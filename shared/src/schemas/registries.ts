import * as z from 'zod';
import { normaliseLanguageCode } from '../languages';
import { Contact, LIMITS, LocalizedName, StoredFields } from './common';

/*
 * The registries every round needs. Each has a create body (strict: an unknown
 * field is a 400), a patch body (every field optional, at least one given) and
 * the stored shape the API returns.
 */

export const LanguageCode = z
  .string()
  .transform((s, ctx) => {
    const code = normaliseLanguageCode(s);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a language code (ISO 639, e.g. "so" or "ar").` });
      return z.NEVER;
    }
    return code;
  })
  .meta({ description: 'ISO 639 language code, e.g. "so"' });

const Languages = z
  .array(LanguageCode)
  .max(LIMITS.languages, { message: `At most ${LIMITS.languages} languages.` })
  .transform((codes) => [...new Set(codes)]);

const atLeastOneField = <T extends z.ZodObject>(schema: T) =>
  schema.refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change.' });

// Districts ------------------------------------------------------------------

const districtFields = {
  name: LocalizedName,
  /** The district liaison officer: the city's local contact person and a natural measure owner. */
  liaisonOfficer: Contact.optional(),
};
export const DistrictInput = z.object(districtFields).strict().meta({ id: 'DistrictInput' });
export const DistrictPatch = atLeastOneField(z.object(districtFields).partial().strict()).meta({
  id: 'DistrictPatch',
});
export const District = z
  .object({ ...StoredFields, name: z.record(z.string(), z.string()), liaisonOfficer: Contact.optional() })
  .meta({ id: 'District' });
export type DistrictInput = z.output<typeof DistrictInput>;
export type DistrictPatch = z.output<typeof DistrictPatch>;
export type District = z.output<typeof District>;

// Population groups ------------------------------------------------------------

const groupFields = {
  name: LocalizedName,
  /** Languages the group speaks — discussion sessions are held in the group's own language. */
  languages: Languages.default([]),
};
export const PopulationGroupInput = z.object(groupFields).strict().meta({ id: 'PopulationGroupInput' });
export const PopulationGroupPatch = atLeastOneField(
  z.object({ name: LocalizedName, languages: Languages }).partial().strict(),
).meta({ id: 'PopulationGroupPatch' });
export const PopulationGroup = z
  .object({ ...StoredFields, name: z.record(z.string(), z.string()), languages: z.array(z.string()) })
  .meta({ id: 'PopulationGroup' });
export type PopulationGroupInput = z.output<typeof PopulationGroupInput>;
export type PopulationGroupPatch = z.output<typeof PopulationGroupPatch>;
export type PopulationGroup = z.output<typeof PopulationGroup>;

// Partner organisations --------------------------------------------------------

const organisationFields = {
  name: LocalizedName,
  contact: Contact.optional(),
};
export const OrganisationInput = z.object(organisationFields).strict().meta({ id: 'OrganisationInput' });
export const OrganisationPatch = atLeastOneField(z.object(organisationFields).partial().strict()).meta({
  id: 'OrganisationPatch',
});
export const Organisation = z
  .object({ ...StoredFields, name: z.record(z.string(), z.string()), contact: Contact.optional() })
  .meta({ id: 'Organisation' });
export type OrganisationInput = z.output<typeof OrganisationInput>;
export type OrganisationPatch = z.output<typeof OrganisationPatch>;
export type Organisation = z.output<typeof Organisation>;

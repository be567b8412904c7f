/**
 * Every key in the table starts with the municipality, so no query can ever
 * cross from one municipality's data into another's.
 */
export const municipalityPk = (municipalityId: string) => `MUNI#${municipalityId}`;

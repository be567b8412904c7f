import * as z from 'zod';
import { Id } from './schemas/common';
import { MUNICIPALITY_ID_PATTERN } from './schemas/municipality';

import { ROLES, type Role } from './roles';

export { ROLES, type Role } from './roles';

/**
 * Names of Sillat's own claims. Namespaced so they can never collide with a
 * claim Cognito (or a future identity provider) adds on its own.
 */
export const CLAIM = {
  role: 'sillat:role',
  municipality: 'sillat:municipality',
  organisation: 'sillat:organisation',
} as const;

/**
 * The claims of an access token that Sillat relies on beyond what the verifier
 * checks cryptographically (`iss`, `aud`, `exp`, signature).
 *
 * Not `.strict()`: Cognito adds claims of its own (`scope`, `client_id`,
 * `auth_time`, …) that are harmless and are simply dropped. Strict where it
 * matters: the role is one of {@link ROLES}, the municipality is a slug (it
 * starts every table key, so "../x" must never get that far), and an
 * organisation is named exactly when the role is organisationStaff — a staff
 * member without one would see no data, anyone else with one would look scoped
 * when they are not.
 */
export const TokenClaims = z
  .object({
    sub: z.string().min(1).max(128),
    /** Cognito also signs ID tokens with the same keys; only access tokens grant access. */
    token_use: z.literal('access'),
    [CLAIM.role]: z.enum(ROLES),
    [CLAIM.municipality]: z.string().regex(MUNICIPALITY_ID_PATTERN),
    [CLAIM.organisation]: Id.optional(),
  })
  .superRefine((claims, ctx) => {
    const isStaff = claims[CLAIM.role] === 'organisationStaff';
    const hasOrganisation = claims[CLAIM.organisation] !== undefined;
    if (isStaff && !hasOrganisation) {
      ctx.addIssue({ code: 'custom', path: [CLAIM.organisation], message: 'Organisation staff must name one.' });
    }
    if (!isStaff && hasOrganisation) {
      ctx.addIssue({ code: 'custom', path: [CLAIM.organisation], message: 'Only organisation staff name one.' });
    }
  });
export type TokenClaims = z.output<typeof TokenClaims>;

/** The signed-in user as every authorisation decision sees it — independent of who issued the token. */
export interface Principal {
  userId: string;
  role: Role;
  municipalityId: string;
  /** Present exactly when `role` is `organisationStaff`. */
  organisationId?: string;
}

/**
 * Turns verified token claims into a {@link Principal}. Throws a `z.ZodError`
 * when the claims are not what Sillat issues; callers translate that into
 * their own error (the API: "invalid token").
 */
export function principalFromClaims(claims: unknown): Principal {
  const c = TokenClaims.parse(claims);
  const organisationId = c[CLAIM.organisation];
  return {
    userId: c.sub,
    role: c[CLAIM.role],
    municipalityId: c[CLAIM.municipality],
    ...(organisationId === undefined ? {} : { organisationId }),
  };
}

/**
 * The inverse of {@link principalFromClaims}: the claims an issuer adds for a
 * principal. One definition shared by the local issuer and the Cognito
 * pre-token-generation trigger (which sends only the `sillat:*` entries; `sub`
 * and `token_use` are Cognito's own), so both mint the same token shape.
 * Validates, so no issuer can mint a token the verifier would refuse.
 */
export function claimsFromPrincipal(principal: Principal): TokenClaims {
  return TokenClaims.parse({
    sub: principal.userId,
    token_use: 'access',
    [CLAIM.role]: principal.role,
    [CLAIM.municipality]: principal.municipalityId,
    ...(principal.organisationId === undefined ? {} : { [CLAIM.organisation]: principal.organisationId }),
  });
}

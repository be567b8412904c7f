/**
 * The custom user-pool attribute naming a user's municipality, as the Cognito
 * API spells it. Set only by administrators through the directory (IAM); the
 * app client may not write it (infra/lib/auth.ts), so nobody can move
 * themselves to another municipality. Its own module so the sign-in trigger
 * can read it without bundling the Cognito client.
 */
export const MUNICIPALITY_ATTRIBUTE = 'custom:municipality';

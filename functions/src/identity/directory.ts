/**
 * Where sign-in identities live: Cognito in AWS, the local issuer's store under
 * `npm start`. User management changes the profile in the table (the source
 * of truth for role and status) and keeps the identity in step through this
 * interface. A directory never decides who may do what.
 */
export interface IdentityRef {
  municipalityId: string;
  userId: string;
  email: string;
}

export interface NewIdentity {
  email: string;
  municipalityId: string;
  locale: string;
}

export interface IdentityDirectory {
  /**
   * Creates a sign-in identity. Returns its id (the tokens' `sub`) and, where
   * the directory cannot mail an invitation itself, a one-time temporary
   * password to hand over. Throws {@link EmailTakenError} for a known address.
   */
  create(identity: NewIdentity): Promise<{ userId: string; temporaryPassword?: string }>;
  /** Stops sign-in and ends existing sessions (refresh tokens). */
  disable(ref: IdentityRef): Promise<void>;
  enable(ref: IdentityRef): Promise<void>;
  /** Deletes the identity; succeeds when it is already gone, so an erasure can be retried. */
  remove(ref: IdentityRef): Promise<void>;
  /** What the directory holds about the user (never credentials), for a GDPR export. */
  describe(ref: IdentityRef): Promise<Record<string, unknown> | undefined>;
}

export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
  constructor() {
    super('A user with this e-mail address exists already.');
  }
}

let directory: IdentityDirectory | undefined;
let fromEnvironment: (() => Promise<IdentityDirectory>) | undefined;

export function configureIdentityDirectory(next: IdentityDirectory): void {
  directory = next;
}

/** Registers how to build the directory from the environment (the Lambda entry point does, for Cognito). */
export function identityDirectoryFromEnvironment(factory: () => Promise<IdentityDirectory>): void {
  fromEnvironment = factory;
}

export async function identityDirectory(): Promise<IdentityDirectory> {
  if (directory) return directory;
  if (!fromEnvironment) throw new Error('No identity directory is configured: user management is unavailable.');
  directory = await fromEnvironment();
  return directory;
}

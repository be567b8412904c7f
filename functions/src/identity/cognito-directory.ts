import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { MUNICIPALITY_ATTRIBUTE } from './cognito-attributes';
import { EmailTakenError, type IdentityDirectory } from './directory';

export interface CognitoDirectoryOptions {
  userPoolId: string;
  /** @default one client for the process, region from the environment */
  client?: CognitoIdentityProviderClient;
}

const attributeMap = (attributes: AttributeType[] | undefined): Record<string, string> =>
  Object.fromEntries((attributes ?? []).flatMap((a) => (a.Name === undefined ? [] : [[a.Name, a.Value ?? '']])));

/**
 * The identity directory in AWS: a Cognito user pool whose usernames are
 * e-mail addresses, so every Admin* call names the user by e-mail. Cognito
 * mails the invitation with a temporary password itself, so `create` returns
 * none — nobody in Sillat ever sees it.
 */
export function createCognitoDirectory(options: CognitoDirectoryOptions): IdentityDirectory {
  const { userPoolId } = options;
  const client = options.client ?? new CognitoIdentityProviderClient({});

  return {
    async create({ email, municipalityId, locale }) {
      let created;
      try {
        created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              // The administrator vouches for the address, and the invitation goes there.
              { Name: 'email_verified', Value: 'true' },
              { Name: MUNICIPALITY_ATTRIBUTE, Value: municipalityId },
              { Name: 'locale', Value: locale },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (err) {
        if (err instanceof UsernameExistsException) throw new EmailTakenError();
        throw err;
      }
      const sub = attributeMap(created.User?.Attributes).sub;
      if (!sub)
        throw new Error('Cognito created the user but returned no sub; the user cannot be linked to a profile.');
      return { userId: sub };
    },

    async disable({ email }) {
      await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: email }));
      // Disabling stops new sign-ins; signing out everywhere also revokes the refresh tokens already handed out.
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: email }));
    },

    async enable({ email }) {
      await client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: email }));
    },

    async remove({ email }) {
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: email }));
      } catch (err) {
        // Already gone: an interrupted erasure is finished by running it again.
        if (!(err instanceof UserNotFoundException)) throw err;
      }
    },

    async describe({ email }) {
      let user;
      try {
        user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
      } catch (err) {
        if (err instanceof UserNotFoundException) return undefined;
        throw err;
      }
      // AdminGetUser returns no credentials: attributes, state and which MFA methods are set up.
      return {
        provider: 'cognito',
        username: user.Username,
        attributes: attributeMap(user.UserAttributes),
        enabled: user.Enabled,
        status: user.UserStatus,
        createdAt: user.UserCreateDate?.toISOString(),
        modifiedAt: user.UserLastModifiedDate?.toISOString(),
        preferredMfa: user.PreferredMfaSetting,
        mfaMethods: user.UserMFASettingList ?? [],
      };
    },
  };
}

/** The directory for the user pool named by `USER_POOL_ID` (set by infra/lib/api.ts). */
export function cognitoDirectoryFromEnvironment(): IdentityDirectory {
  const userPoolId = process.env.USER_POOL_ID;
  if (!userPoolId) throw new Error('USER_POOL_ID is not set: user management cannot reach Cognito.');
  return createCognitoDirectory({ userPoolId });
}

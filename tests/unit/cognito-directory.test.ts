import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCognitoDirectory } from '../../functions/src/identity/cognito-directory';
import { EmailTakenError, type IdentityDirectory } from '../../functions/src/identity/directory';

/**
 * A stand-in for Cognito's JSON API on a local port, so the real SDK client
 * serialises the calls and parses the answers and errors exactly as in AWS.
 */
interface Call {
  action: string;
  body: Record<string, unknown>;
}
type Reply = { status: number; body: Record<string, unknown> };

const POOL = 'eu-north-1_TestPool';
const SUB = '7c1e9f0a-3b2d-4e5f-8a9b-0c1d2e3f4a5b';
const ref = { municipalityId: 'demo', userId: SUB, email: 'new.user@sillat.example' };

let server: Server;
let calls: Call[] = [];
let replies: Record<string, Reply> = {};
let directory: IdentityDirectory;

const cognitoError = (type: string) => ({ status: 400, body: { __type: type, message: `${type} (test)` } });

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target']).replace('AWSCognitoIdentityProviderService.', '');
      calls.push({ action, body: JSON.parse(text) as Record<string, unknown> });
      const reply = replies[action] ?? { status: 200, body: {} };
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new CognitoIdentityProviderClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  directory = createCognitoDirectory({ userPoolId: POOL, client });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls = [];
  replies = {};
});

describe('Cognito identity directory', () => {
  it('creates the user by e-mail with municipality and locale, lets Cognito mail the invitation, and returns the sub', async () => {
    replies.AdminCreateUser = {
      status: 200,
      body: { User: { Username: SUB, Attributes: [{ Name: 'sub', Value: SUB }], Enabled: true } },
    };
    const created = await directory.create({ email: ref.email, municipalityId: 'demo', locale: 'sv' });

    expect(created).toEqual({ userId: SUB });
    expect(calls).toEqual([
      {
        action: 'AdminCreateUser',
        body: {
          UserPoolId: POOL,
          Username: ref.email,
          UserAttributes: [
            { Name: 'email', Value: ref.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'custom:municipality', Value: 'demo' },
            { Name: 'locale', Value: 'sv' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
    ]);
  });

  it('reports a taken e-mail address as EmailTakenError', async () => {
    replies.AdminCreateUser = cognitoError('UsernameExistsException');
    await expect(directory.create({ email: ref.email, municipalityId: 'demo', locale: 'fi' })).rejects.toThrow(
      EmailTakenError,
    );
  });

  it('fails rather than return a user it cannot link to a profile', async () => {
    replies.AdminCreateUser = { status: 200, body: { User: { Username: 'x', Attributes: [] } } };
    await expect(directory.create({ email: ref.email, municipalityId: 'demo', locale: 'fi' })).rejects.toThrow(
      /no sub/,
    );
  });

  it('disables, then signs the user out everywhere', async () => {
    await directory.disable(ref);
    expect(calls).toEqual([
      { action: 'AdminDisableUser', body: { UserPoolId: POOL, Username: ref.email } },
      { action: 'AdminUserGlobalSignOut', body: { UserPoolId: POOL, Username: ref.email } },
    ]);
  });

  it('enables', async () => {
    await directory.enable(ref);
    expect(calls).toEqual([{ action: 'AdminEnableUser', body: { UserPoolId: POOL, Username: ref.email } }]);
  });

  it('removes, and counts a user who is already gone as removed', async () => {
    await directory.remove(ref);
    replies.AdminDeleteUser = cognitoError('UserNotFoundException');
    await directory.remove(ref);
    expect(calls.map((c) => c.action)).toEqual(['AdminDeleteUser', 'AdminDeleteUser']);
  });

  it('passes other failures on', async () => {
    replies.AdminDeleteUser = cognitoError('TooManyRequestsException');
    await expect(directory.remove(ref)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });

  it('describes what Cognito holds, without anything secret', async () => {
    replies.AdminGetUser = {
      status: 200,
      body: {
        Username: SUB,
        UserAttributes: [
          { Name: 'sub', Value: SUB },
          { Name: 'email', Value: ref.email },
          { Name: 'custom:municipality', Value: 'demo' },
        ],
        Enabled: true,
        UserStatus: 'CONFIRMED',
        UserCreateDate: 1_760_000_000,
        UserLastModifiedDate: 1_760_000_600,
        PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
        UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      },
    };
    expect(await directory.describe(ref)).toEqual({
      provider: 'cognito',
      username: SUB,
      attributes: { sub: SUB, email: ref.email, 'custom:municipality': 'demo' },
      enabled: true,
      status: 'CONFIRMED',
      createdAt: new Date(1_760_000_000_000).toISOString(),
      modifiedAt: new Date(1_760_000_600_000).toISOString(),
      preferredMfa: 'SOFTWARE_TOKEN_MFA',
      mfaMethods: ['SOFTWARE_TOKEN_MFA'],
    });
    replies.AdminGetUser = cognitoError('UserNotFoundException');
    expect(await directory.describe(ref)).toBeUndefined();
  });
});

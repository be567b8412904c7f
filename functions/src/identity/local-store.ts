import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../data/client';
import { isConditionFailure } from '../data/errors';
import { EmailTakenError } from './directory';

/**
 * The local issuer's logins — what Cognito's user pool holds in AWS. They live
 * in a table of their own (`<table>-local-idp`), never in the app table: like
 * Cognito, this directory spans municipalities (an e-mail address signs in
 * wherever its user belongs), while every key of the app table is inside one.
 * Key: pk = <e-mail address, lower case>.
 */
export interface LocalLogin {
  email: string;
  userId: string;
  municipalityId: string;
  passwordHash: string;
  /** Set for a temporary password: the first sign-in must choose a new one. */
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
}

export const localIdpTableName = (appTable: string) => `${appTable}-local-idp`;
const table = () => localIdpTableName(tableName());

export async function putLogin(login: LocalLogin): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: table(),
        Item: { pk: login.email, ...login },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new EmailTakenError();
    throw err;
  }
}

export async function getLogin(email: string): Promise<LocalLogin | undefined> {
  const res = await db().send(
    new GetCommand({ TableName: table(), Key: { pk: email.toLowerCase() }, ConsistentRead: true }),
  );
  if (!res.Item) return undefined;
  const { pk: _pk, ...login } = res.Item;
  return login as LocalLogin;
}

/** Changes fields of an existing login; does nothing when it is gone. */
export async function updateLogin(
  email: string,
  fields: Partial<Pick<LocalLogin, 'passwordHash' | 'mustChangePassword' | 'disabled'>>,
): Promise<void> {
  const entries = Object.entries(fields);
  try {
    await db().send(
      new UpdateCommand({
        TableName: table(),
        Key: { pk: email.toLowerCase() },
        UpdateExpression: 'SET ' + entries.map((_, i) => `#f${i} = :v${i}`).join(', '),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

export async function deleteLogin(email: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: table(), Key: { pk: email.toLowerCase() } }));
}

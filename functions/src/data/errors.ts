/**
 * Errors the data layer raises for the API to translate into HTTP answers.
 * They carry no HTTP knowledge: a scheduled job can catch them just as well.
 */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}.`);
    this.name = 'NotFoundError';
  }
}

export class VersionConflictError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expected: number,
  ) {
    super(`The ${entity} was changed by someone else since version ${expected}. Reload it and try again.`);
    this.name = 'VersionConflictError';
  }
}

/** True when DynamoDB refused a write only because its condition did not hold. */
export function isConditionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'ConditionalCheckFailedException') return true;
  if (err.name === 'TransactionCanceledException') {
    const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

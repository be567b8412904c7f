import { principalFromClaims, type Principal } from '@sillat/shared/auth';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import * as z from 'zod';

/**
 * Why a token was refused, short and stable enough to log and count. The token
 * itself never appears in the error: it is a credential.
 */
export type InvalidTokenReason =
  'expired' | 'bad_signature' | 'wrong_issuer' | 'wrong_audience' | 'malformed' | 'bad_claims';

/**
 * The one error a caller sees for a token that must not be accepted (the API
 * answers 401). Problems on our side — the issuer's JWKS unreachable or broken —
 * are deliberately NOT this error: they propagate unchanged so the edge answers
 * 5xx instead of telling a signed-in user that their token is bad.
 */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: InvalidTokenReason) {
    super(`Access token refused: ${reason}.`);
  }
}

export interface TokenVerifierOptions {
  /** Exact `iss` expected: the Cognito user-pool URL, or the local issuer's URL. */
  issuer: string;
  /** The app client id. */
  audience: string;
  /**
   * Where the issuer publishes its public keys (`…/.well-known/jwks.json`), or
   * the key set itself — for in-process tests, which have no server to fetch
   * from but must verify signatures exactly as production does.
   */
  jwks: string | JSONWebKeySet;
  /** Allowed clock skew between issuer and API, for `exp`/`nbf`. */
  clockToleranceSeconds?: number;
}

export interface TokenVerifier {
  /** Resolves to the token's principal, or rejects with {@link InvalidTokenError}. */
  verify(token: string): Promise<Principal>;
}

/**
 * One verifier for both issuers: Cognito in AWS and the local issuer under
 * `npm start` both publish a JWKS over HTTP, so local runs exercise the very
 * code path production uses — there is no "skip verification" switch to leave
 * on by mistake. Build it once (module scope): the key set is fetched lazily
 * and cached across calls, and refetched only for an unknown `kid`.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { issuer, audience, clockToleranceSeconds = 30 } = options;
  const keys =
    typeof options.jwks === 'string' ? createRemoteJWKSet(new URL(options.jwks)) : createLocalJWKSet(options.jwks);

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          // Cognito signs with RS256, the local issuer with ES256; nothing else
          // (in particular neither `none` nor a MAC keyed with a public key).
          algorithms: ['ES256', 'RS256'],
          clockTolerance: clockToleranceSeconds,
          // jose checks `exp` only when present; a token without it would never expire.
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (error) {
        throw toInvalidToken(error);
      }
      if (!isForAudience(payload, audience)) throw new InvalidTokenError('wrong_audience');
      try {
        return principalFromClaims(payload);
      } catch (error) {
        if (error instanceof z.ZodError) throw new InvalidTokenError('bad_claims');
        throw error;
      }
    },
  };
}

/**
 * Cognito access tokens carry the app client id in `client_id` and have no
 * `aud` (only ID tokens do); the local issuer sets `aud`. Accept either, but
 * an `aud` that is present must match — it is never overridden by `client_id`.
 */
function isForAudience(payload: JWTPayload, audience: string): boolean {
  if (payload.aud !== undefined) {
    return Array.isArray(payload.aud) ? payload.aud.includes(audience) : payload.aud === audience;
  }
  return payload.client_id === audience;
}

/** Maps jose's failures to our reasons; anything that is not the token's fault is returned unchanged. */
function toInvalidToken(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new InvalidTokenError('wrong_issuer');
    if (error.claim === 'aud') return new InvalidTokenError('wrong_audience');
    return new InvalidTokenError('bad_claims');
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    // Signed by a key the issuer does not publish (or one we cannot tell apart).
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    // `alg: none`, HS256 and friends: not signed by anyone we trust.
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return new InvalidTokenError('bad_signature');
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new InvalidTokenError('malformed');
  }
  return error;
}

/**
 * The token from an `Authorization` header, or undefined when there is none
 * or it uses another scheme. The scheme is case-insensitive (RFC 7235); the
 * token must be a single RFC 6750 b64token, so "Bearer a b" is refused rather
 * than truncated.
 */
export function readBearer(authorizationHeader: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorizationHeader?.trim() ?? '');
  return match?.[1];
}

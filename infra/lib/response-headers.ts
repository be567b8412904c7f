import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, type ResponseHeadersPolicyProps } from 'aws-cdk-lib/aws-cloudfront';
import type { HeaderRules } from '@sillat/shared/security-headers';

/**
 * A response headers policy carrying `rules` (shared/src/security-headers.ts,
 * which the local server applies too), plus HSTS, which only matters over
 * HTTPS: CloudFront's typed settings for the headers it knows, custom headers
 * for the rest.
 */
export function headersPolicyProps(comment: string, rules: HeaderRules): ResponseHeadersPolicyProps {
  const {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': nosniff,
    'X-Frame-Options': frame,
    'Referrer-Policy': referrer,
    ...custom
  } = rules;
  if (!csp || !nosniff || !frame || !referrer) throw new Error('A security header rule is missing.');
  const frameOption = Object.values(HeadersFrameOption).find((v) => v === frame.value);
  const referrerPolicy = Object.values(HeadersReferrerPolicy).find((v) => v === referrer.value);
  if (!frameOption || !referrerPolicy) throw new Error(`CloudFront cannot send ${frame.value} / ${referrer.value}.`);
  return {
    comment,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp.value, override: csp.override },
      contentTypeOptions: { override: nosniff.override },
      frameOptions: { frameOption, override: frame.override },
      referrerPolicy: { referrerPolicy, override: referrer.override },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(custom).map(([header, { value, override }]) => ({ header, value, override })),
    },
  };
}

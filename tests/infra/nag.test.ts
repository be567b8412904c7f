import { App, Stack, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNagChecks } from '../../infra/lib/nag-checks';
import { nagFindings, synthSillat, type Synthesized } from './synth';

describe('cdk-nag (AwsSolutions + Serverless)', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthSillat();
  });
  afterAll(() => synthesized.cleanup());

  it('leaves no unacknowledged finding on the Sillat stack', () => {
    const findings = nagFindings(synthesized.app, synthesized.nagPacks);
    expect(findings, `Unacknowledged cdk-nag findings:\n${findings.join('\n')}`).toEqual([]);
  });

  it('leaves none either when a city attaches WAF and its own domain', () => {
    const variant = synthSillat({
      'aws:cdk:bundling-stacks': [],
      'sillat:webAclArn': 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/sillat/abc',
      'sillat:domainName': 'sillat.example.fi',
      'sillat:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    try {
      expect(nagFindings(variant.app, variant.nagPacks)).toEqual([]);
    } finally {
      variant.cleanup();
    }
  });
});

describe('the cdk-nag wiring itself', () => {
  /** A throwaway app with one bucket that accepts plain HTTP: AwsSolutions-S10. */
  function appWithInsecureBucket() {
    const app = new App();
    const stack = new Stack(app, 'Throwaway');
    const bucket = new Bucket(stack, 'PlainHttp', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: false,
    });
    const packs = addNagChecks(app);
    return { app, bucket, packs };
  }

  it('fails synth on a bucket without SSL enforcement', () => {
    const { app, packs } = appWithInsecureBucket();
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
    expect(nagFindings(app, packs)).toContainEqual(
      expect.stringMatching(/^AwsSolutions-S10 at Throwaway\/PlainHttp\/Resource/),
    );
  });

  it('silences exactly the acknowledged rule and nothing else', () => {
    const { app, bucket, packs } = appWithInsecureBucket();
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'test' });
    const findings = nagFindings(app, packs);
    expect(findings.filter((f) => f.startsWith('AwsSolutions-S10 '))).toEqual([]);
    // S1 (no access logs) is still reported: acknowledging one rule hides no other.
    expect(findings).toContainEqual(expect.stringMatching(/^AwsSolutions-S1 at Throwaway\/PlainHttp\/Resource/));
  });
});

import { defineConfig } from 'vitest/config';

/**
 * Four test tiers, each a vitest project so one can be run alone
 * (`npx vitest run --project unit`). The integration tier shares ONE DynamoDB
 * Local (started by its globalSetup); every test file creates its own table,
 * so files still run in parallel without seeing each other's data.
 */
export default defineConfig({
  test: {
    env: { SILLAT_LOG: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/dynamo-global.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One real server (`npm start` as a user runs it) for the tier; files
          // run one after another so two Chromiums and DynamoDB Locals do not
          // fight over two cores.
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

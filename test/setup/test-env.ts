import type { RunningEmbeddedPostgres } from '@app/database';

/** Environment variables through which global setup hands the test server to the workers. */
export const TEST_ENV = {
  adminUrl: 'CASE_TRACKER_TEST_ADMIN_URL',
  template: 'CASE_TRACKER_TEST_TEMPLATE',
  runId: 'CASE_TRACKER_TEST_RUN_ID',
} as const;

/** Shared between globalSetup and globalTeardown, which run in the same process. */
export const testRunState: { embedded?: RunningEmbeddedPostgres; dataDir?: string } = ((
  globalThis as Record<string, unknown>
).__caseTrackerTestRun ??= {}) as {
  embedded?: RunningEmbeddedPostgres;
  dataDir?: string;
};

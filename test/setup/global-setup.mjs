// Jest loads global setup outside its module mapper and transform, so the TypeScript
// that starts the test database is loaded through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { setUpRunDatabase, tearDownRunDatabase } = await tsImport(
    './run-database.ts',
    import.meta.url,
  );
  globalThis.__caseTrackerTeardown = tearDownRunDatabase;
  await setUpRunDatabase();
}

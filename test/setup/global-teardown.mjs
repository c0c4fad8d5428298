// The teardown set up by global-setup.mjs, in the same module instance (tsx loads a
// fresh copy on every tsImport).
export default async function globalTeardown() {
  await globalThis.__caseTrackerTeardown?.();
}

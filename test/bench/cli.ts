/** What the benchmark scripts share: their command-line options and waiting for a target. */

/** `--flag value` from this process's arguments, or `fallback`; without either, an error. */
export function option(flag: string, fallback?: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(flag);
  const value = i >= 0 ? argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`${flag} is required`);
  return value;
}

/**
 * Waits until the server at `base` answers the list with anything but a 5xx (a service
 * checking tokens answers 401 once it is up), or throws after `timeoutMs`.
 */
export async function waitUntilServing(base: string, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/v1/cases?page_size=1`)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

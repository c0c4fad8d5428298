import { Worker } from 'node:worker_threads';
import type { AnalysisJob } from './analysis.worker.js';
import { QueryAnalysis, SqlAnalyzer } from './domain/query-analysis.js';
import { QueryAnalyzer } from './domain/query-analyzer.js';

/**
 * Longest text parsed on the event loop: about 2 ms at ~1 µs per character. Longer texts
 * go to a worker thread, which takes as long as it takes without holding anyone else up.
 */
export const INLINE_ANALYSIS_MAX_CHARS = 2_000;

interface Pending {
  resolve(analysis: QueryAnalysis | null): void;
}

/**
 * The service's analyzer: short texts inline, long ones on one worker thread (started on
 * first need, restarted after a crash). A worker that fails answers its pending texts with
 * null: the records are written without an analysis rather than not at all.
 */
export class PooledSqlAnalyzer extends SqlAnalyzer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private constructor(
    private readonly inline: QueryAnalyzer,
    private readonly onWorkerError: (error: Error) => void,
  ) {
    super();
  }

  static async start(onWorkerError: (error: Error) => void): Promise<PooledSqlAnalyzer> {
    return new PooledSqlAnalyzer(await QueryAnalyzer.load(), onWorkerError);
  }

  async analyze(text: string, defaultSchema: string): Promise<QueryAnalysis | null> {
    if (text.length <= INLINE_ANALYSIS_MAX_CHARS) return this.inline.analyze(text, defaultSchema);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      const job: AnalysisJob = { id, text, defaultSchema };
      this.workerThread().postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failPending();
    await worker?.terminate();
  }

  private workerThread(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', ({ id, analysis }: { id: number; analysis: QueryAnalysis }) => {
      this.pending.get(id)?.resolve(analysis);
      this.pending.delete(id);
    });
    worker.on('error', (error) => {
      this.onWorkerError(error);
      if (this.worker === worker) this.worker = undefined;
      this.failPending();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failPending();
    });
    this.worker = worker;
    return worker;
  }

  private failPending(): void {
    for (const { resolve } of this.pending.values()) resolve(null);
    this.pending.clear();
  }
}

/**
 * From dist the worker is JavaScript. From source (tests, tsx) it is TypeScript: a worker
 * does not inherit its parent's loader hooks, so it registers tsx's before importing it.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./analysis.worker.js', import.meta.url));
  }
  const entry = new URL('./analysis.worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true },
  );
}

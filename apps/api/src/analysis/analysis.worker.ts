/**
 * A worker thread that analyses long query texts, so the parser (synchronous, ~1 µs per
 * character) never holds the service's event loop. One message in, one out.
 */
import { parentPort } from 'node:worker_threads';
import { QueryAnalyzer } from './domain/query-analyzer.js';

export interface AnalysisJob {
  id: number;
  text: string;
  defaultSchema: string;
}

const analyzer = await QueryAnalyzer.load();
parentPort!.on('message', ({ id, text, defaultSchema }: AnalysisJob) => {
  parentPort!.postMessage({ id, analysis: analyzer.analyze(text, defaultSchema) });
});

/*
 * The one place that names the worker script. webpack 5 turns `new Worker(new URL(…, import.meta.url))` into
 * a separate worker bundle; it recognises only that exact shape, so the URL stays inline. Only the page
 * entries import this module (jest never does: import.meta is ESM).
 */
import type { WorkerLike } from './workerParser';

export function createParseWorker(): WorkerLike {
  return new Worker(
    // @ts-expect-error TS1343: the project type-checks as CommonJS, but webpack compiles this module as ESM
    // (ts-loader with module: esnext), where import.meta.url is the URL of the built script.
    new URL('../worker/parse.ts', import.meta.url),
    { name: 'report-parser' },
  ) as unknown as WorkerLike;
}

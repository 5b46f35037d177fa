import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on the module at `moduleUrl` (its `.js` URL). Built code runs the
 * `.js` file as is. From source (tests, benches, `pnpm start` in the monorepo) only the `.ts`
 * file exists: the worker registers tsx first, because loader hooks given to the parent with
 * `--import tsx` do not reach worker threads.
 */
export function startWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  if (existsSync(fileURLToPath(moduleUrl))) return new Worker(moduleUrl, options);
  const source = new URL(moduleUrl.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) {
    throw new Error(`worker module not found: ${fileURLToPath(moduleUrl)} (nor its .ts source)`);
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

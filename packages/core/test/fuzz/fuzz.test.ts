import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe } from 'vitest';
import { serve } from '../../src/server/serve.js';
import { fuzzBackend } from './fuzz-backend.js';
import { defineFuzzSuite, FUZZ_SEED } from './fuzz-suite.js';

/**
 * Dev mode (file stores in a temp dir, inline training): 10,000+ generated malformed requests
 * across every route, in-process and over a real socket (seed: LSML_FUZZ_SEED).
 */
describe(`fuzz, dev mode (seed ${FUZZ_SEED})`, () => {
  defineFuzzSuite(
    async () => {
      const modelDir = mkdtempSync(join(tmpdir(), 'lsml-fuzz-'));
      const running = await serve(fuzzBackend(), {
        port: 0,
        host: '127.0.0.1',
        modelDir,
        handleSignals: false,
        logger: pino({ level: 'silent' }),
        bodyLimit: 256 * 1024,
      });
      return {
        app: running.app as never,
        port: running.port,
        close: async () => {
          await running.shutdown();
          rmSync(modelDir, { recursive: true, force: true });
        },
      };
    },
    { inProcess: 8_500, throwing: 300, socket: 900, raw: 400 },
  );
});

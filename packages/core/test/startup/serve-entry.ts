// A backend's src/server.ts for the start-up tests: `await serve(backend)`, nothing else, so
// whatever goes wrong is what a user would see. INIT=fail makes its init throw.
import { defineBackend, serve } from '../../src/index.js';

const backend = defineBackend({
  name: 'startup',
  init() {
    if (process.env.INIT === 'fail')
      throw new Error('model file /models/weights.onnx is missing: set MODEL_PATH');
  },
  predict: (tasks) => tasks.map(() => ({ result: [] })),
});

const running = await serve(backend);
process.stdout.write(JSON.stringify({ port: running.port }) + '\n');

/**
 * A dev-mode process that receives annotations and acknowledges each one once it is stored, as
 * the /webhook route does before its 201. Started by training-data-crash.test.ts, which kills it
 * with SIGKILL mid-write.
 *
 * stdin: one JSON line per annotation, `{"id": 3, "textBytes": 1000}`.
 * stdout: `{"ready": [ids stored so far]}` once the store is read back, then `{"stored": id}`
 * after each put resolves.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { destination, pino } from 'pino';
import { FileTrainingData } from '../../src/store/file-training-data.js';

const modelDir = process.env.MODEL_DIR ?? '';
if (modelDir === '') throw new Error('MODEL_DIR is required');
const PROJECT = '1';
const store = new FileTrainingData((p) => join(modelDir, p), {
  log: pino({ level: 'info' }, destination(2)),
});

const stored = await store.all(PROJECT);
console.log(JSON.stringify({ ready: stored.map((i) => i.task.id) }));

for await (const line of createInterface({ input: process.stdin })) {
  const { id, textBytes } = JSON.parse(line) as { id: number; textBytes: number };
  const task = { id, data: { text: 'x'.repeat(textBytes) } };
  const annotation = {
    id,
    task: id,
    result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: ['A'] } }],
  };
  await store.put(PROJECT, [{ task, annotation }]);
  console.log(JSON.stringify({ stored: id }));
}

import { once } from 'node:events';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { defineBackend, serve } from '../../src/index.js';
import { killAll, spawnNode } from '../queue/processes.js';

afterAll(() => killAll());

/** Runs the entry until it exits; its output lines and exit code. */
async function startFails(env: Record<string, string>) {
  const p = spawnNode('../startup/serve-entry.ts', { LOG_LEVEL: 'info', ...env });
  const [code] = (await once(p.child, 'exit')) as [number | null];
  // 'exit' can come before the pipes are drained: wait for both streams to end.
  await Promise.all([
    p.child.stdout?.readableEnded ? undefined : once(p.child.stdout!, 'end'),
    p.child.stderr?.readableEnded ? undefined : once(p.child.stderr!, 'end'),
  ]);
  return { code, lines: p.lines };
}

describe('a backend process that cannot start', () => {
  it('says why in one line and exits 1 when init throws', async () => {
    const { code, lines } = await startFails({ INIT: 'fail', PORT: '0' });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 60,
      msg: 'cannot start: model file /models/weights.onnx is missing: set MODEL_PATH',
    });
  });

  it('names a bad variable in one plain line (no logger exists yet)', async () => {
    const { code, lines } = await startFails({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'lsml: cannot start: PORT="abc" is not valid: use a whole number from 0 to 65535 (or leave PORT unset for the default)',
    ]);
  });

  it('says the port is in use, and which', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, lines } = await startFails({ PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe(
        `cannot listen on 127.0.0.1:${String(port)}: port ${String(port)} is in use; stop what runs there or set PORT to a free one`,
      );
    } finally {
      taken.close();
    }
  });
});

describe('init', () => {
  it('runs once, before serve() listens; predictions wait for it', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const initStarted = new Promise<void>((resolve) => (started = resolve));
    const loaded = new Promise<void>((resolve) => (release = resolve));
    let model: string | undefined;
    const backend = defineBackend({
      name: 'slow_init',
      async init() {
        calls += 1;
        started();
        await loaded;
        model = 'loaded';
      },
      predict: (tasks) => tasks.map(() => ({ result: [], score: model === 'loaded' ? 1 : 0 })),
    });
    let listening = false;
    const serving = serve(backend, {
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      logger: pino({ level: 'silent' }),
    }).then((running) => {
      listening = true;
      return running;
    });
    await initStarted;
    // serve() awaits init before it listens, so it cannot have resolved while init waits.
    expect(listening).toBe(false);
    release();
    const running = await serving;
    try {
      const res = await fetch(`http://127.0.0.1:${String(running.port)}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          tasks: [{ id: 1, data: { text: 'x' } }],
          label_config:
            '<View><Text name="t" value="$text"/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>',
        }),
      });
      expect(((await res.json()) as { results: { score: number }[] }).results[0]?.score).toBe(1);
      expect(calls).toBe(1);
    } finally {
      await running.shutdown();
    }
  });
});

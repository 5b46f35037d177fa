import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { echoBackend, TEXT_CONFIG } from '../../test/helpers.js';
import { serve } from './serve.js';

/** The same server over a real socket: listening, JSON over HTTP, graceful shutdown. */
describe('serve() over a real socket', () => {
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-serve-'));
  afterAll(() => {
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('serves predictions and finishes in-flight requests on shutdown', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const backend = echoBackend({
      async predict(tasks) {
        if (tasks[0]?.id === 'slow') {
          arrived();
          await gate;
        }
        return tasks.map(() => ({ result: [] }));
      },
    });
    const running = await serve(backend, {
      port: 0,
      host: '127.0.0.1',
      modelDir,
      handleSignals: false,
      logger: pino({ level: 'silent' }),
    });
    const base = `http://127.0.0.1:${running.port}`;
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'UP' });

    const post = (id: string) =>
      fetch(`${base}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tasks: [{ id, data: { text: 'x' } }], label_config: TEXT_CONFIG }),
      });
    expect((await post('fast')).status).toBe(200);

    const inFlight = post('slow');
    await slowArrived; // the request is in flight inside the server, not still connecting
    const stopped = running.shutdown();
    release();
    expect((await inFlight).status).toBe(200);
    await stopped;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('reads bodies from the socket, and refuses a chunked body over the limit with 413', async () => {
    const running = await serve(echoBackend(), {
      port: 0,
      host: '127.0.0.1',
      modelDir,
      handleSignals: false,
      bodyLimit: 10_000,
      logger: pino({ level: 'silent' }),
    });
    const url = `http://127.0.0.1:${running.port}/predict`;
    const payload = JSON.stringify({
      tasks: [{ id: 1, data: { text: 'x'.repeat(20_000) } }],
      label_config: TEXT_CONFIG,
    });
    // A stream body has no Content-Length: the limit is enforced while reading.
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([payload]).stream(),
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tasks: [{ id: 1, data: { text: 'short' } }],
        label_config: TEXT_CONFIG,
      }),
    });
    expect(ok.status).toBe(200);
    await running.shutdown();
  });

  it('reports a taken port as an error instead of crashing', async () => {
    const first = await serve(echoBackend(), {
      port: 0,
      host: '127.0.0.1',
      modelDir,
      handleSignals: false,
      logger: pino({ level: 'silent' }),
    });
    await expect(
      serve(echoBackend(), {
        port: first.port,
        host: '127.0.0.1',
        modelDir,
        handleSignals: false,
        logger: pino({ level: 'silent' }),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    await first.shutdown();
  });

  it('shuts down while a browser holds a socket it has sent nothing on (a preconnect)', async () => {
    const running = await serve(echoBackend(), {
      port: 0,
      host: '127.0.0.1',
      modelDir,
      handleSignals: false,
      logger: pino({ level: 'silent' }),
    });
    const socket = connect(running.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Node counts such a socket as neither idle nor busy: without closing it, close() would
    // wait for the headers timeout (a minute or more) and the test would time out.
    await running.shutdown();
    await closed;
  });
});

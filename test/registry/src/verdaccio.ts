import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';
import { waitForOk } from './http.js';
import { startProcess, type Started } from './run-command.js';

export interface LocalRegistry {
  url: string;
  /** A token of a user who may publish. */
  token: string;
  stop(): Promise<void>;
}

/**
 * Verdaccio on 127.0.0.1 with its storage in `dir` and no uplink: it holds only what is
 * published to it, so every @lsml package a test installs is one this repository just built.
 * (Other packages come from npm as usual: only the @lsml scope points here.)
 */
export async function startVerdaccio(dir: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 10
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(
    dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')),
    'bin',
    'verdaccio',
  );
  const server: Started = startProcess(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      cwd: dir,
      env: process.env,
    },
  );
  try {
    await waitForOk(`${url}-/ping`, () => `Verdaccio did not start:\n${server.output()}`, 30_000);
    const res = await fetch(`${url}-/user/org.couchdb.user:lsml`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lsml', password: 'lsml-registry-test' }),
    });
    const { token } = (await res.json()) as { token?: string };
    if (!res.ok || !token) throw new Error(`Verdaccio refused to add a user: ${res.status}`);
    return { url, token, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

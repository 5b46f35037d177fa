import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, isMap, isScalar } from 'yaml';

/**
 * Every example has the same shape (ARCHITECTURE.md), and since no Docker engine runs here,
 * its Dockerfile and compose file are checked statically: multi-stage, built JS, non-root;
 * api + worker + redis with a health check and a shared model volume; every env var commented.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
  .map((e) => e.name);
const FILES = [
  'README.md',
  'package.json',
  'src/model.ts',
  'src/server.ts',
  'src/worker.ts',
  'Dockerfile',
  'docker-compose.yml',
  '.dockerignore',
  'test',
  'vitest.config.ts',
  'tsconfig.json',
];

describe.each(examples)('examples/%s', (name) => {
  const dir = join(root, 'examples', name);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');

  it('has the example file set', () => {
    expect(FILES.filter((f) => !existsSync(join(dir, f)))).toEqual([]);
    expect(readdirSync(join(dir, 'test')).some((f) => f.endsWith('.test.ts'))).toBe(true);
  });

  it('has start, worker and test scripts and serves built JS outside the workspace', () => {
    const pkg = JSON.parse(read('package.json')) as {
      scripts: Record<string, string>;
      exports: Record<string, Record<string, string>>;
    };
    for (const script of ['start', 'worker', 'test', 'build', 'typecheck'])
      expect(pkg.scripts[script], script).toBeTruthy();
    const entry = pkg.exports['.'];
    expect(Object.keys(entry ?? {})[0]).toBe('source');
    expect(entry?.default).toMatch(/^\.\/dist\//);
  });

  it('README shows the label config, how to run it, its env vars and a curl', () => {
    const readme = read('README.md');
    expect(readme).toMatch(/<View>/);
    expect(readme).toMatch(/start/);
    expect(readme).toMatch(/\| *`?[A-Z_]+`? *\|/);
    expect(readme).toMatch(/curl /);
  });

  it('Dockerfile: multi-stage, non-root, runs built JS', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    expect(dockerfile).toMatch(/^CMD \[.*"node",.*"dist\/server\.js"\]/m);
    expect(dockerfile).toMatch(/--frozen-lockfile/);
    // The container is healthy while it serves: `GET /` (`/health` answers 503 while no worker
    // can train, which is no reason to restart the API). Behind basic auth when it is on: a
    // check without the credentials would mark a correctly running API unhealthy.
    const check = /^HEALTHCHECK(?:\\\n|[^\n])*/m.exec(dockerfile)?.[0] ?? '';
    expect(check).toMatch(/\+'\/',\{headers:a\}/);
    expect(check).toMatch(/BASIC_AUTH_USER/);
  });

  it('Dockerfile of an ONNX example: copies only what it builds, keeps one onnxruntime binary', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies?: Record<string, string> };
    const deps = Object.keys(pkg.dependencies ?? {});
    // The light examples (dummy_model, the CLI's template, and simple_text_classifier) still
    // build from the whole workspace; for the ONNX ones the image size and cache hits matter.
    if (!deps.includes('@lsml/transformers') && !deps.includes('@huggingface/transformers')) return;
    const dockerfile = read('Dockerfile');
    // `COPY . .` sends the whole workspace (other examples, tests, benchmarks) into the build
    // and busts the install layer's cache on any change.
    expect(dockerfile).not.toMatch(/^COPY\s+\.\s+\.\s*$/m);
    // onnxruntime-node ships binaries for every OS and CPU (~290 MB): keep this platform's.
    expect(dockerfile).toMatch(/onnxruntime-node\/bin\/napi-v/);
    expect(dockerfile).toMatch(/! -name linux/);
    expect(dockerfile).toMatch(/process\.arch/);
  });

  it('compose: api, worker and redis with a health check, a shared model volume, every env var commented', () => {
    const text = read('docker-compose.yml');
    const compose = parse(text, { merge: true }) as {
      services: Record<
        string,
        {
          command?: unknown;
          volumes?: string[];
          healthcheck?: unknown;
          environment?: Record<string, unknown>;
          build?: { context: string; dockerfile: string };
        }
      >;
    };
    expect(Object.keys(compose.services).sort()).toEqual(
      expect.arrayContaining(['api', 'redis', 'worker']),
    );
    const { api, worker, redis } = compose.services;
    expect(redis?.healthcheck).toBeTruthy();
    const apiCheck = JSON.stringify(api?.healthcheck ?? {});
    if (apiCheck.includes('/health')) expect(apiCheck).toMatch(/BASIC_AUTH_USER/);
    expect(JSON.stringify(redis?.command)).toMatch(/noeviction/);
    expect(JSON.stringify(worker?.command)).toMatch(/dist\/worker\.js/);
    expect(api?.environment?.LSML_MODE).toBe('production');
    const apiVolume = api?.volumes?.[0]?.split(':')[0];
    expect(apiVolume).toBeTruthy();
    expect(worker?.volumes?.map((v) => v.split(':')[0])).toContain(apiVolume);
    expect(existsSync(join(dir, api?.build?.context ?? '', api?.build?.dockerfile ?? ''))).toBe(
      true,
    );

    // A service's own `environment:` replaces the shared one (`<<:` merges one level only),
    // so each service must merge the shared variables back in (`<<: *backend-env`).
    const shared = Object.entries(compose as Record<string, unknown>).find(
      ([key, value]) => key.startsWith('x-') && typeof value === 'object' && value !== null,
    )?.[1] as { environment?: Record<string, unknown> } | undefined;
    const sharedKeys = Object.keys(shared?.environment ?? {});
    expect(sharedKeys.length).toBeGreaterThan(0);
    for (const service of ['api', 'worker'] as const) {
      const own = compose.services[service]?.environment ?? {};
      expect(
        sharedKeys.filter((key) => !(key in own)),
        `${service} lacks shared env vars`,
      ).toEqual([]);
    }

    // Every key of every `environment` map has a comment right above it.
    const doc = parseDocument(text, { merge: true });
    const uncommented: string[] = [];
    const visit = (node: unknown, inEnvironment: boolean) => {
      if (!isMap(node)) return;
      node.items.forEach((pair, index) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        // The yaml parser attaches the comment above a map's first key to the map itself.
        const comment =
          (isScalar(pair.key) ? pair.key.commentBefore : undefined) ??
          (index === 0 ? node.commentBefore : undefined);
        // `<<: *anchor` merges variables commented where the anchor is defined.
        const merge = isScalar(pair.key) && typeof pair.key.value === 'symbol';
        if (inEnvironment && !comment && !merge) uncommented.push(key);
        visit(pair.value, key === 'environment');
      });
    };
    visit(doc.contents, false);
    expect(uncommented).toEqual([]);
  });
});

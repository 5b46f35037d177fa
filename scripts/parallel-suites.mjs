// Runs the test suite twice at once, as two separate clones of HEAD on one Redis, for N rounds:
// the proof that the suite passes on a loaded machine and that two runs never share state
// (each run's Redis keys live under its own LSML_TEST_REDIS_PREFIX; ports are picked by the OS).
//
// Usage: node scripts/parallel-suites.mjs [--rounds 3] [--keep] [-- <vitest args>]
//   node scripts/parallel-suites.mjs                         # the full suite, 3 rounds
//   node scripts/parallel-suites.mjs --rounds 1 -- --project redis   # only the Redis suite
// Needs: git, pnpm, Redis on REDIS_URL (default redis://127.0.0.1:6379); Chromium for the
// editor suite as in .ci/run. Commit first: the clones hold HEAD, not the working tree.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function parseArgs(argv) {
  const options = { rounds: 3, keep: false, vitestArgs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      options.vitestArgs = argv.slice(i + 1);
      break;
    } else if (arg === '--rounds') {
      options.rounds = Number(argv[(i += 1)]);
    } else if (arg === '--keep') {
      options.keep = true;
    } else {
      throw new Error(`unknown argument "${arg}"; usage: --rounds N, --keep, -- <vitest args>`);
    }
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1)
    throw new Error('--rounds takes a whole number of at least 1');
  return options;
}

/** Runs `command` in `cwd`, output to `logFile`; resolves with the exit code and seconds taken. */
function run(command, args, { cwd, env, logFile }) {
  return new Promise((done) => {
    const started = performance.now();
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end();
      done({ code: code ?? 1, seconds: (performance.now() - started) / 1000 });
    });
  });
}

function tail(file, lines = 40) {
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (dirty.trim() !== '')
    console.warn('note: uncommitted changes are not in the clones (they hold HEAD)');
  const work = mkdtempSync(join(tmpdir(), 'lsml-parallel-'));
  const runId = Math.random().toString(36).slice(2, 8);
  const copies = ['a', 'b'].map((name) => ({
    name,
    dir: join(work, name),
    log: join(work, `${name}.log`),
    prefix: `lsml-par-${runId}-${name}`,
  }));
  console.log(
    `clones of ${head.slice(0, 10)} in ${work} (logs there); Redis prefixes ${copies.map((c) => c.prefix).join(', ')}`,
  );

  let failed = false;
  try {
    for (const copy of copies) {
      execFileSync('git', ['clone', '--quiet', '--no-checkout', root, copy.dir]);
      execFileSync('git', ['checkout', '--quiet', head], { cwd: copy.dir });
    }
    // Both set up at once too: a second copy building beside the first is part of the load.
    const setup = await Promise.all(
      copies.map(async (copy) => {
        const install = await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
          cwd: copy.dir,
          logFile: copy.log,
        });
        if (install.code !== 0) return { copy, step: 'install', ...install };
        return {
          copy,
          step: 'build',
          ...(await run('pnpm', ['build'], { cwd: copy.dir, logFile: copy.log })),
        };
      }),
    );
    for (const s of setup) {
      console.log(`${s.copy.name}: install + build ${s.code === 0 ? 'ok' : `FAILED at ${s.step}`}`);
      if (s.code !== 0) {
        console.log(tail(s.copy.log));
        failed = true;
      }
    }
    if (failed) return;

    for (let round = 1; round <= options.rounds; round += 1) {
      const started = performance.now();
      const results = await Promise.all(
        copies.map(async (copy) => ({
          copy,
          ...(await run('pnpm', ['exec', 'vitest', 'run', ...options.vitestArgs], {
            cwd: copy.dir,
            logFile: copy.log,
            env: { LSML_TEST_REDIS_PREFIX: copy.prefix, LSML_REQUIRE_REDIS: '1' },
          })),
        })),
      );
      const wall = (performance.now() - started) / 1000;
      const each = results.map(
        (r) => `${r.copy.name} ${r.code === 0 ? 'passed' : 'FAILED'} in ${r.seconds.toFixed(1)} s`,
      );
      console.log(
        `round ${round}/${options.rounds}: ${each.join(', ')}; wall ${wall.toFixed(1)} s`,
      );
      for (const r of results.filter((x) => x.code !== 0)) {
        console.log(`--- ${r.copy.name}: end of ${r.copy.log}\n${tail(r.copy.log)}`);
        failed = true;
      }
      if (failed) return;
    }
  } finally {
    if (!options.keep && !failed) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
    process.exitCode = failed ? 1 : 0;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

// `pnpm check:packages`: packs every public package exactly as `pnpm publish` would and checks
// the tarball with publint (package.json fields, files that exist) and @arethetypeswrong/cli
// (types resolve for TypeScript's node16 ESM resolution). Fails on any problem, so a package
// whose published exports name src/ or whose types are missing never ships. Needs `pnpm build`.
// Usage: node scripts/check-packages.mjs [--keep <dir>]  (keep the tarballs in <dir>)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packPackage, publicPackages, repoRoot } from './public-packages.mjs';

const keepAt = process.argv.indexOf('--keep');
const keep = keepAt >= 0 ? resolve(process.argv[keepAt + 1] ?? 'packed') : undefined;
const outDir = keep ?? mkdtempSync(join(tmpdir(), 'lsml-check-packages-'));
mkdirSync(outDir, { recursive: true });

const attw = join(repoRoot, 'node_modules', '.bin', 'attw');
let failed = 0;
try {
  for (const pkg of publicPackages()) {
    const tarball = packPackage(pkg.dir, outDir);
    const problems = [];
    const bytes = readFileSync(tarball);
    const lint = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    for (const message of lint.messages) {
      problems.push(`publint ${message.type}: ${formatMessage(message, lint.pkg) ?? message.code}`);
    }
    try {
      // esm-only: these packages are ESM ("type": "module", no require condition), so
      // TypeScript's node16/nodenext ESM resolution and bundlers are what must resolve types.
      execFileSync(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-emoji'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      problems.push(`attw:\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}`.trim());
    }
    const size = `${(statSync(tarball).size / 1024).toFixed(1)} kB`;
    if (problems.length === 0) {
      process.stdout.write(`ok   ${pkg.name}@${pkg.version}  ${basename(tarball)}  ${size}\n`);
    } else {
      failed += 1;
      process.stdout.write(`FAIL ${pkg.name}@${pkg.version}  ${basename(tarball)}  ${size}\n`);
      for (const problem of problems)
        process.stdout.write(`  ${problem.replaceAll('\n', '\n  ')}\n`);
    }
  }
} finally {
  if (!keep) rmSync(outDir, { recursive: true, force: true });
}
if (failed > 0) {
  process.stdout.write(`\n${failed} package(s) would publish with problems (see above)\n`);
  process.exit(1);
}

import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

/** A Dockerfile's steps, in order. */
type Step =
  | { op: 'FROM'; stage: string }
  | { op: 'WORKDIR'; path: string }
  | { op: 'ENV'; vars: Record<string, string> }
  | { op: 'COPY'; from: string | undefined; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'CMD'; argv: string[] };

export function parseDockerfile(text: string): Step[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const steps: Step[] = [];
  let stages = 0;
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const arg = line.slice(op.length).trim();
    if (op === 'FROM') steps.push({ op, stage: / AS (\S+)/i.exec(arg)?.[1] ?? `stage${stages++}` });
    else if (op === 'WORKDIR') steps.push({ op, path: arg });
    else if (op === 'ENV') {
      steps.push({
        op,
        vars: Object.fromEntries(rest.map((kv) => kv.split('=') as [string, string])),
      });
    } else if (op === 'COPY') {
      const flags = rest.filter((r) => r.startsWith('--'));
      const paths = rest.filter((r) => !r.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      steps.push({ op, from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '.' });
    } else if (op === 'RUN') steps.push({ op, command: arg });
    else if (op === 'CMD') steps.push({ op, argv: JSON.parse(arg) as string[] });
    // USER, VOLUME, EXPOSE, HEALTHCHECK: nothing to replay without an engine.
  }
  return steps;
}

export interface Replayed {
  /** The final stage's working directory, and its command and env, to start. */
  cwd: string;
  argv: string[];
  env: Record<string, string>;
  /** Maps the image's absolute paths (/app, /data) into the final stage's folder. */
  rebase: (value: string) => string;
}

/**
 * Replays a Dockerfile without Docker (these machines have no engine): each stage is a folder
 * under `root`, absolute paths the Dockerfile names (/app, /data) live inside it, COPY copies
 * from the build context or an earlier stage, RUN runs in the stage's working directory with
 * the Dockerfile's ENV on the host's Node and npm (the image's node:20 is the same major).
 * Ownership (`chown`) and `USER` are not replayed: they need root.
 */
export async function replayDockerfile(
  text: string,
  context: string,
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<Replayed> {
  const stageRoots = new Map<string, string>();
  let stageRoot = root;
  let workdir = '/';
  let vars: Record<string, string> = {};
  let argv: string[] = [];
  const inStage = (path: string, base = stageRoot) =>
    path.startsWith('/') ? join(base, path) : join(base, workdir, path);
  const rebase = (s: string) => s.replace(/(^|[\s=:])\/(app|data)\b/g, `$1${stageRoot}/$2`);
  for (const step of parseDockerfile(text)) {
    if (step.op === 'FROM') {
      stageRoot = join(root, step.stage);
      stageRoots.set(step.stage, stageRoot);
      mkdirSync(stageRoot, { recursive: true });
      workdir = '/';
      vars = {};
    } else if (step.op === 'WORKDIR') {
      workdir = step.path;
      mkdirSync(inStage('.'), { recursive: true });
    } else if (step.op === 'ENV') {
      vars = {
        ...vars,
        ...Object.fromEntries(Object.entries(step.vars).map(([k, v]) => [k, rebase(v)])),
      };
    } else if (step.op === 'COPY') {
      const fromRoot = step.from === undefined ? undefined : stageRoots.get(step.from);
      for (const source of step.sources) {
        const matches = expand(source, fromRoot ?? context, fromRoot !== undefined);
        for (const match of matches) {
          const dest = inStage(step.dest);
          const target =
            step.dest.endsWith('/') || matches.length > 1 || step.dest === './'
              ? join(dest, match.name)
              : dest;
          cpSync(match.path, target, { recursive: true });
        }
      }
    } else if (step.op === 'RUN') {
      // chown needs root and a `node` user; the ownership it sets is what USER node relies on.
      const command = rebase(step.command.replace(/\s*&&\s*chown\b[^&]*/g, ''));
      await runCommand('sh', ['-c', command], {
        cwd: inStage('.'),
        env: { ...env, ...vars },
        timeoutMs: 240_000,
      });
    } else {
      argv = step.argv;
    }
  }
  return { cwd: inStage('.'), argv, env: vars, rebase };
}

/** A COPY source: a path, or a `*` glob over one folder's entries (`package*.json`). */
function expand(source: string, base: string, absolute: boolean): { path: string; name: string }[] {
  const path = absolute || !source.startsWith('/') ? join(base, source) : source;
  if (!source.includes('*'))
    return [{ path, name: source.split('/').filter(Boolean).at(-1) ?? '' }];
  const dir = join(path, '..');
  const pattern = new RegExp(
    `^${(source.split('/').at(-1) ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`,
  );
  return readdirNames(dir)
    .filter((name) => pattern.test(name))
    .map((name) => ({ path: join(dir, name), name }));
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

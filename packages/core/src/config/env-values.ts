import { LsmlError } from '../errors/index.js';

/** A variable set to something it cannot mean: name both, and what it takes. */
export function badEnv(name: string, value: string, allowed: string): LsmlError {
  return new LsmlError(
    'VALIDATION_FAILED',
    `${name}="${value}" is not valid: ${allowed} (or leave ${name} unset for the default)`,
  );
}

/** The environment with empty values removed: compose files pass `VAR: ${VAR:-}` for unset. */
export function setOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed !== undefined && trimmed !== '') vars[name] = trimmed;
  }
  return vars;
}

/** One of `allowed` (compared without case), or undefined when unset. */
export function oneOf<T extends string>(
  vars: Record<string, string>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  const match = allowed.find((a) => a === text.toLowerCase());
  if (match === undefined) throw badEnv(name, text, `use ${allowed.join(' or ')}`);
  return match;
}

/** A whole number in [min, max], or undefined when unset. */
export function wholeNumber(
  vars: Record<string, string>,
  name: string,
  { min = 1, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw badEnv(name, text, `use a whole number from ${String(min)} to ${String(max)}`);
  return n;
}

/** A share in (0, 1] (`0.05` or `5%`), or undefined when unset. */
export function share(vars: Record<string, string>, name: string): number | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (!/^\d*\.?\d+%?$/.test(text) || !(n > 0 && n <= 1))
    throw badEnv(name, text, 'use a share above 0 and at most 1, such as 0.03 or 3%');
  return n;
}

/** `true/1/yes` or `false/0/no`: a typo in a security switch must not read as "off". */
export function flag(vars: Record<string, string>, name: string): boolean | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw badEnv(name, text, 'use true or false');
}

const MB = 1024 * 1024;

/** Parses "100mb", "512kb", "1048576". */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match)
    throw new LsmlError('VALIDATION_FAILED', `"${text}" is not a size; use bytes or e.g. "100mb"`);
  const unit = { b: 1, kb: 1024, mb: MB, gb: 1024 * MB }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * unit);
}

/** A size like `100mb`, or undefined when unset. */
export function byteSize(vars: Record<string, string>, name: string): number | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  try {
    return parseByteSize(text);
  } catch {
    throw badEnv(name, text, 'use bytes or a size such as "100mb" or "512kb"');
  }
}

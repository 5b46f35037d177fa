import { LsmlError } from '../errors/index.js';

/**
 * The deepest nesting (objects and arrays; the body itself is level 1) that `/webhook` and
 * `/train` accept. What they store is written with JSON.stringify, which recurses and overflows
 * the stack a few thousand levels down: refused here, before anything is acknowledged, rather
 * than failing after. Real task data nests a few levels; 1,000 leaves a wide margin.
 */
export const MAX_JSON_DEPTH = 1000;

interface Level {
  value: object;
  depth: number;
  parent: Level | undefined;
  key: string | number;
}

/**
 * Throws `VALIDATION_FAILED` (422) naming the path where `body` nests deeper than `limit`.
 * Walks with its own stack: a recursive check would overflow on the input it guards against.
 */
export function assertJsonDepth(body: unknown, limit: number = MAX_JSON_DEPTH): void {
  if (!isContainer(body)) return;
  const stack: Level[] = [{ value: body, depth: 1, parent: undefined, key: '' }];
  for (let level = stack.pop(); level; level = stack.pop()) {
    if (level.depth > limit) throw tooDeep(level, limit);
    const depth = level.depth + 1;
    // Plain loops, no entry arrays: this runs over every object of a /train export.
    if (Array.isArray(level.value)) {
      const list = level.value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const child = list[i];
        if (isContainer(child)) stack.push({ value: child, depth, parent: level, key: i });
      }
    } else {
      const record = level.value as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (isContainer(child)) stack.push({ value: child, depth, parent: level, key });
      }
    }
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

// The first keys of the path are what a person recognises ("task.data.…"); the rest repeat.
const SHOWN_KEYS = 6;

function tooDeep(level: Level, limit: number): LsmlError {
  const keys: (string | number)[] = [];
  for (let l = level; l.parent; l = l.parent) keys.push(l.key);
  keys.reverse();
  const path = keys.slice(0, SHOWN_KEYS).reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${String(key)}]`;
    const name = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    return acc === '' ? name : `${acc}.${name}`;
  }, '');
  return new LsmlError(
    'VALIDATION_FAILED',
    `Invalid request body: ${path}${keys.length > SHOWN_KEYS ? '…' : ''} nests deeper than ` +
      `${String(limit)} levels, the limit for /webhook and /train bodies; flatten the task data ` +
      `(a nested structure can be sent as a JSON string).`,
  );
}

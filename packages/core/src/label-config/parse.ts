import { createHash } from 'node:crypto';
import { configError } from './config-error.js';
import { createLabelInterface } from './label-interface.js';
import { readTags } from './read-tags.js';
import type { LabelInterface } from './types.js';

/** Configs differ per project, not per request: a few hundred entries cover a busy server. */
const CACHE_LIMIT = 256;
const cache = new Map<string, LabelInterface>();

/**
 * Parse a Label Studio label config into a {@link LabelInterface}, cached per config hash
 * (least recently used entries leave first).
 * Throws `LsmlError('INVALID_LABEL_CONFIG')` naming the tag and attribute at fault.
 *
 * @example
 * const li = parseLabelConfig('<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="img"><Label value="Car"/></RectangleLabels></View>');
 * li.control('box')?.labels.map((l) => l.value); // ['Car']
 */
export function parseLabelConfig(config: string): LabelInterface {
  requireString(config);
  const hash = hashConfig(config);
  const hit = cache.get(hash);
  if (hit) {
    cache.delete(hash);
    cache.set(hash, hit);
    return hit;
  }
  const parsed = build(config, hash);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(hash, parsed);
  return parsed;
}

/** The same parse without the cache (benchmarks, tests). */
export function parseLabelConfigUncached(config: string): LabelInterface {
  requireString(config);
  return build(config, hashConfig(config));
}

/** Checked before hashing, which would throw a bare TypeError for JavaScript callers. */
function requireString(config: unknown): asserts config is string {
  if (typeof config !== 'string')
    throw configError(
      `the config must be XML text, got ${config === null ? 'null' : Array.isArray(config) ? 'a list' : typeof config}`,
    );
}

function build(config: string, hash: string): LabelInterface {
  if (config.trim() === '') throw configError('the config is empty');
  return createLabelInterface(config, hash, readTags(config));
}

function hashConfig(config: string): string {
  return createHash('sha256').update(config).digest('hex');
}

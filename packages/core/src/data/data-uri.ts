import { LsmlError } from '../errors/index.js';

/** A decoded `data:` URI. */
export interface DataUri {
  contentType: string | undefined;
  bytes: Buffer;
}

/** Decodes `data:[<type>][;base64],<payload>`; percent-encoded payloads are decoded too. */
export function decodeDataUri(value: string, maxBytes: number): DataUri {
  const comma = value.indexOf(',');
  if (!value.startsWith('data:') || comma < 0) {
    throw new LsmlError(
      'DATA_FETCH_FAILED',
      'Malformed data: URI (expected "data:<type>;base64,<payload>")',
    );
  }
  const meta = value.slice(5, comma).split(';');
  const base64 = meta.includes('base64');
  const payload = value.slice(comma + 1);
  // base64 grows 4:3: refuse before decoding what would exceed the limit.
  if ((base64 ? (payload.length * 3) / 4 : payload.length) > maxBytes + 4) {
    throw new LsmlError(
      'DATA_TOO_LARGE',
      `data: URI is larger than the limit of ${maxBytes} bytes`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = base64
      ? Buffer.from(payload, 'base64')
      : Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch (error) {
    throw new LsmlError('DATA_FETCH_FAILED', 'Malformed data: URI: its payload cannot be decoded', {
      cause: error,
    });
  }
  return { contentType: meta[0] === '' ? undefined : meta[0], bytes };
}

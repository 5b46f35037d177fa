/**
 * A compact file of one JSON header plus binary blobs, so that large typed arrays load
 * without parsing text:
 *
 *   "LSBC" | header length (u32 LE) | header JSON (UTF-8) | blobs, each at a multiple of 8
 *
 * The header's `blobs` maps each blob name to its `[byteOffset, byteLength]` after the header.
 */
const MAGIC = 'LSBC';
const ALIGNMENT = 8;

export type Blob = Uint8Array | Int32Array | Float32Array;

export function packBlobs(header: object, blobs: Readonly<Record<string, Blob>>): Uint8Array {
  const layout: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, blob] of Object.entries(blobs)) {
    layout[name] = [offset, blob.byteLength];
    offset += align(blob.byteLength);
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, blobs: layout }));
  const bodyStart = align(8 + headerBytes.byteLength);
  const bytes = new Uint8Array(bodyStart + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, headerBytes.byteLength, true);
  bytes.set(headerBytes, 8);
  for (const [name, blob] of Object.entries(blobs)) {
    const [blobOffset] = layout[name] as [number, number];
    bytes.set(
      new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength),
      bodyStart + blobOffset,
    );
  }
  return bytes;
}

export interface UnpackedBlobs {
  header: Record<string, unknown>;
  /** A copy of the named blob, so typed-array views over it are always aligned. */
  blob: (name: string) => ArrayBuffer;
}

export function unpackBlobs(bytes: Uint8Array): UnpackedBlobs {
  if (bytes.byteLength < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error('not an lsml binary model file');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
  ) as Record<string, unknown>;
  const layout = header.blobs as Record<string, [number, number]>;
  const bodyStart = align(8 + headerLength);
  return {
    header,
    blob: (name) => {
      const entry = layout[name];
      if (entry === undefined) throw new Error(`model file has no blob "${name}"`);
      const start = bytes.byteOffset + bodyStart + entry[0];
      if (bodyStart + entry[0] + entry[1] > bytes.byteLength)
        throw new Error('model file is truncated');
      return bytes.buffer.slice(start, start + entry[1]) as ArrayBuffer;
    },
  };
}

function align(length: number): number {
  return Math.ceil(length / ALIGNMENT) * ALIGNMENT;
}

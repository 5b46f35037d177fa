/**
 * Just enough of the protobuf wire format to write ONNX files. We write them ourselves rather
 * than through `onnx-proto`: its protobufjs 6 resolves `long` with an eval'd `require`, which
 * under vitest picks up the ESM build of long 5 and crashes at import.
 */
export class ProtoMessage {
  private readonly chunks: Uint8Array[] = [];

  /** An integer field (wire type 0); negative values take ten bytes, as int64 requires. */
  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.pushVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** Repeated integers, written unpacked: ONNX's proto2 schema reads both forms. */
  ints(field: number, values: readonly (number | bigint)[]): this {
    for (const value of values) this.int(field, value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.chunks.push(bytes);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.pushVarint(BigInt(value.byteLength));
    this.chunks.push(value);
    return this;
  }

  message(field: number, value: ProtoMessage): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.pushVarint(BigInt((field << 3) | wireType));
  }

  private pushVarint(value: bigint): void {
    const bytes: number[] = [];
    let rest = value;
    do {
      let byte = Number(rest & 0x7fn);
      rest >>= 7n;
      if (rest > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (rest > 0n);
    this.chunks.push(Uint8Array.from(bytes));
  }
}

import { ProtoMessage } from './protobuf-writer.js';

/** A tensor dimension: a fixed size, or a symbolic name such as `batch_size`. */
export type Dim = number | string;

/** ONNX element types used by the tiny models. */
export const ElemType = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

/** A node attribute: integers and integer lists are the common case; floats and strings are tagged. */
export type AttributeValue = number | number[] | { float: number } | { string: string };

// Field numbers and enum values from onnx.proto (ONNX 1.10+).
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

function valueInfo(name: string, elemType: ElemType, dims: readonly Dim[]): ProtoMessage {
  const shape = new ProtoMessage();
  for (const d of dims) {
    shape.message(
      1,
      typeof d === 'number' ? new ProtoMessage().int(1, d) : new ProtoMessage().string(2, d),
    );
  }
  const tensorType = new ProtoMessage().int(1, elemType).message(2, shape);
  return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
}

function attribute(name: string, value: AttributeValue): ProtoMessage {
  const proto = new ProtoMessage().string(1, name);
  if (typeof value === 'number') return proto.int(3, value).int(20, AttributeType.INT);
  if (Array.isArray(value)) return proto.ints(8, value).int(20, AttributeType.INTS);
  if ('float' in value) return proto.float(2, value.float).int(20, AttributeType.FLOAT);
  return proto.string(4, value.string).int(20, AttributeType.STRING);
}

function bytesOf(values: Float32Array | BigInt64Array): Uint8Array {
  // ONNX raw data is little-endian, which is what typed arrays use on every platform we run on.
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * A minimal ONNX graph builder: declare inputs, outputs and weights, chain operators by name,
 * then `encode()` to the bytes of a `.onnx` file (IR 8, opset 17, which ORT 1.21+ accepts).
 */
export class OnnxGraph {
  private readonly nodes: ProtoMessage[] = [];
  private readonly initializers: ProtoMessage[] = [];
  private readonly inputs: ProtoMessage[] = [];
  private readonly outputs: ProtoMessage[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, elemType: ElemType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares a graph output; `from` is the value exposed under `name` (through an Identity). */
  output(name: string, from: string, elemType: ElemType, dims: readonly Dim[]): void {
    this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** A float32 weight or constant. */
  floats(values: Float32Array | readonly number[], dims: readonly number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    return this.initializer(dims, ElemType.FLOAT, bytesOf(data));
  }

  /** An int64 constant (shapes, axes, indices). */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(dims, ElemType.INT64, bytesOf(BigInt64Array.from(values, BigInt)));
  }

  /** Adds one operator; returns its output name (a fresh one unless `outputName` is given). */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    outputName?: string,
  ): string {
    const output = outputName ?? this.fresh(opType);
    const node = new ProtoMessage();
    for (const input of inputs) node.string(1, input);
    node.string(2, output).string(3, `${output}_node`).string(4, opType);
    for (const [key, value] of Object.entries(attributes)) node.message(5, attribute(key, value));
    this.nodes.push(node);
    return output;
  }

  encode(): Uint8Array {
    const graph = new ProtoMessage();
    for (const node of this.nodes) graph.message(1, node);
    graph.string(2, this.name);
    for (const init of this.initializers) graph.message(5, init);
    for (const input of this.inputs) graph.message(11, input);
    for (const output of this.outputs) graph.message(12, output);
    return new ProtoMessage()
      .int(1, 8) // ir_version
      .string(2, '@lsml/tiny-models') // producer_name
      .message(7, graph)
      .message(8, new ProtoMessage().string(1, '').int(2, 17)) // opset_import: ai.onnx 17
      .finish();
  }

  private initializer(dims: readonly number[], dataType: ElemType, rawData: Uint8Array): string {
    const name = this.fresh('const');
    const tensor = new ProtoMessage()
      .ints(1, dims)
      .int(2, dataType)
      .string(8, name)
      .bytes(9, rawData);
    this.initializers.push(tensor);
    return name;
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}

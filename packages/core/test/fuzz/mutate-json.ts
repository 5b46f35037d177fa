/**
 * JSON mutations that a value cannot express: text spliced in where a sentinel sits (numbers
 * past float range, nesting deeper than JSON.stringify could write, lone surrogates) and keys
 * like `__proto__` that an object literal would turn into a prototype instead of a key.
 */

export type JsonPath = readonly (string | number)[];

/** Every path in `value`, the root included: the places a mutation may hit. */
export function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

/** A change to one place of a body. */
export type Mutation =
  | { op: 'replace'; value: unknown }
  | { op: 'raw'; text: string }
  | { op: 'delete' }
  | { op: 'inject-key'; key: string; text: string };

/**
 * `seed` with each change applied at its path (a path that an earlier change removed is
 * skipped), as JSON text.
 */
export function mutatedText(
  seed: unknown,
  changes: readonly (readonly [JsonPath, Mutation])[],
): string {
  const root: Record<string, unknown> = { value: structuredClone(seed) };
  const splices: [string, string][] = [];
  changes.forEach(([path, mutation], n) => {
    const full = ['value', ...path];
    let parent: unknown = root;
    for (const key of full.slice(0, -1)) {
      parent =
        typeof parent === 'object' && parent !== null
          ? (parent as Record<string | number, unknown>)[key]
          : undefined;
    }
    if (typeof parent !== 'object' || parent === null) return;
    const holder = parent as Record<string | number, unknown>;
    const last = full[full.length - 1] as string | number;
    const sentinel = `FUZZ-SENTINEL-${n}`;
    switch (mutation.op) {
      case 'replace':
        holder[last] = mutation.value;
        break;
      case 'raw':
        holder[last] = sentinel;
        splices.push([JSON.stringify(sentinel), mutation.text]);
        break;
      case 'delete':
        if (Array.isArray(holder) && typeof last === 'number') holder.splice(last, 1);
        else if (holder === root) holder[last] = undefined;
        else Reflect.deleteProperty(holder, last);
        break;
      case 'inject-key': {
        const target = holder[last];
        const base =
          typeof target === 'object' && target !== null && !Array.isArray(target) ? target : {};
        holder[last] = { [sentinel]: 0, ...base };
        splices.push([
          `${JSON.stringify(sentinel)}:0`,
          `${JSON.stringify(mutation.key)}:${mutation.text}`,
        ]);
        break;
      }
    }
  });
  let text = (JSON.stringify(root.value) as string | undefined) ?? '';
  for (const [from, to] of splices) text = text.replace(from, () => to);
  return text;
}

/** `depth` nested arrays or objects, written without recursion. */
export function deepText(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array'
    ? '['.repeat(depth) + leaf + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

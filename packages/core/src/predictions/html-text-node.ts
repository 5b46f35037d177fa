/** Elements that never hold children, so they take no closing tag. */
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/**
 * The first text node of an HTML fragment that holds a word, as the XPath Label Studio's
 * HyperText regions use (`/p[1]/text()[1]`, from the fragment's root) with its raw text. A
 * light scan, not a parser: it follows tags as written, so HTML the browser would restructure
 * (a `<tr>` without `<tbody>`, an unclosed `<p>`) may be placed wrongly.
 */
export function firstTextNode(html: string): { xpath: string; text: string } | undefined {
  interface Open {
    step: string;
    counts: Map<string, number>;
  }
  const stack: Open[] = [{ step: '', counts: new Map() }];
  const token = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>|([^<]+)/g;
  for (const [, closing, name, selfClosing, text] of html.matchAll(token)) {
    const parent = stack.at(-1);
    if (!parent) return undefined;
    if (text !== undefined) {
      const n = (parent.counts.get('text()') ?? 0) + 1;
      parent.counts.set('text()', n);
      if (/\S/.test(text))
        return { xpath: `${stack.map((o) => o.step).join('')}/text()[${n}]`, text };
    } else if (name !== undefined) {
      const tag = name.toLowerCase();
      if (closing) {
        const at = stack.findLastIndex((o) => o.step.startsWith(`/${tag}[`));
        if (at > 0) stack.length = at;
      } else {
        const n = (parent.counts.get(tag) ?? 0) + 1;
        parent.counts.set(tag, n);
        if (!selfClosing && !VOID.has(tag))
          stack.push({ step: `/${tag}[${n}]`, counts: new Map() });
      }
    }
  }
  return undefined;
}

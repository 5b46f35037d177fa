/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpLiteral {
  version: 4 | 6;
  value: bigint;
}

/**
 * Reads an IP address in any spelling that reaches a socket, or returns `undefined` for anything
 * else (a host name). IPv4 is read the way the WHATWG URL parser and `inet_aton` read it, not
 * only dotted-decimal: `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` all are 127.0.0.1, and
 * `net.isIP` accepts none of them. IPv6 may be bracketed, compressed (`::`), end in a dotted IPv4
 * (`::ffff:127.0.0.1`) and carry a zone id (`fe80::1%eth0`, or `%25eth0` as URLs escape it).
 */
export function parseIpLiteral(text: string): IpLiteral | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) {
    const value = parseIpv6(bare);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(bare);
  return value === undefined ? undefined : { version: 4, value: BigInt(value) };
}

/** Dotted-decimal text of a 32-bit IPv4 value. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

/** One to four parts; every part but the last is a byte, the last fills the remaining bytes. */
function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 1 && parts.at(-1) === '') parts.pop(); // a trailing dot (FQDN form)
  if (parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Number(part);
    if (n === undefined) return undefined;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return undefined;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), last);
}

/** A part in decimal, octal (leading 0) or hex (0x; a bare `0x` is 0, as URL parsing reads it). */
function parseIpv4Number(part: string): number | undefined {
  const hex = /^0x([0-9a-f]*)$/i.exec(part);
  if (hex) return hex[1] ? parseInt(hex[1], 16) : 0;
  if (/^0[0-7]+$/.test(part)) return parseInt(part, 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

function parseIpv6(text: string): bigint | undefined {
  // A zone id names the interface to leave by; it is not part of the address.
  const address = text.split('%')[0] ?? '';
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const headWords = parseWords(head, tail === undefined);
  const tailWords = tail === undefined ? [] : parseWords(tail, true);
  if (headWords === undefined || tailWords === undefined) return undefined;
  const given = headWords.length + tailWords.length;
  // `::` stands for at least one zero group; without it there must be exactly eight.
  if (tail === undefined ? given !== 8 : given > 7) return undefined;
  const words = [...headWords, ...Array<number>(8 - given).fill(0), ...tailWords];
  return words.reduce((sum, word) => (sum << 16n) | BigInt(word), 0n);
}

/** Colon-separated 16-bit groups; the last may be a dotted-decimal IPv4 (two groups). */
function parseWords(text: string, mayEndInIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (const [i, group] of groups.entries()) {
    if (/^[0-9a-f]{1,4}$/i.test(group)) {
      words.push(parseInt(group, 16));
      continue;
    }
    const dotted = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(group);
    if (!dotted || !mayEndInIpv4 || i !== groups.length - 1) return undefined;
    const bytes = dotted.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    words.push((a << 8) | b, (c << 8) | d);
  }
  return words;
}

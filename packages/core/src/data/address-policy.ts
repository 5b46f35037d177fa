import { formatIpv4, parseIpLiteral, type IpLiteral } from './ip-literal.js';

interface Range {
  cidr: string;
  version: 4 | 6;
  base: bigint;
  bits: number;
  what: string;
}

function range(cidr: string, what: string): Range {
  const [address = '', bits = ''] = cidr.split('/');
  const parsed = parseIpLiteral(address);
  if (!parsed) throw new Error(`bad range ${cidr}`);
  return { cidr, version: parsed.version, base: parsed.value, bits: Number(bits), what };
}

function contains(r: Range, ip: IpLiteral): boolean {
  const shift = BigInt((ip.version === 4 ? 32 : 128) - r.bits);
  return r.version === ip.version && ip.value >> shift === r.base >> shift;
}

/**
 * IPv4 ranges that are not the public internet: the IANA special-purpose registry's "not globally
 * reachable" blocks, plus multicast and the reserved 240/4. Documentation (TEST-NET) and
 * benchmarking (198.18/15) ranges are in because nothing public lives there: an answer in them is
 * someone's internal network. 192.0.0.0/24 is in whole (its two anycast /32s serve no files).
 * First match names the range, so broadcast comes before 240/4.
 */
const V4_RANGES = [
  range('0.0.0.0/8', '"this network"; 0.0.0.0 reaches the local host'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'carrier-grade NAT'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local, where cloud metadata services answer'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', 'deprecated 6to4 relay anycast'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('255.255.255.255/32', 'broadcast'),
  range('240.0.0.0/4', 'reserved'),
];

/**
 * IPv6 forms that carry an IPv4 address which decides where the packet goes: judged by that
 * address, so `::ffff:7f00:1` is loopback and `64:ff9b::808:808` (a DNS64 answer for 8.8.8.8) is
 * public. `shift` is where the IPv4 bits sit, counted from the right.
 */
const V4_CARRIERS = [
  { ...range('::ffff:0:0/96', 'IPv4-mapped'), shift: 0n },
  { ...range('::ffff:0:0:0/96', 'IPv4-translated'), shift: 0n },
  { ...range('64:ff9b::/96', 'NAT64'), shift: 0n },
  { ...range('2002::/16', '6to4'), shift: 80n },
];

/**
 * IPv6 ranges that are not the public internet. The local-use NAT64 prefix is refused whole: its
 * IPv4 sits at a place each network chooses. Teredo is refused whole too: its client address is
 * obfuscated and the relay decides where it goes; nothing serves files from it.
 */
const V6_RANGES = [
  range('::/128', 'unspecified; it reaches the local host'),
  range('::1/128', 'loopback'),
  range('::/96', 'deprecated IPv4-compatible'),
  range('64:ff9b:1::/48', 'local-use NAT64'),
  range('100::/64', 'discard-only'),
  range('2001::/32', 'Teredo'),
  range('2001::/23', 'IETF protocol assignments'),
  range('2001:db8::/32', 'documentation'),
  range('3fff::/20', 'documentation'),
  range('5f00::/16', 'segment routing'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'deprecated site-local'),
  range('ff00::/8', 'multicast'),
];

// Every public IPv6 address is in 2000::/3; the rest of the space is reserved.
const GLOBAL_UNICAST = range('2000::/3', 'global unicast');

const named = (r: Range) => `${r.cidr} (${r.what})`;

/**
 * The private-address policy: which non-public range `address` is in, printable (`127.0.0.0/8
 * (loopback)`), or `undefined` when it is a public address or no IP address at all (a host name,
 * which the caller resolves and asks about again). Reads every spelling {@link parseIpLiteral}
 * does, so a URL's hostname, a DNS answer and a caller's text are judged alike.
 */
export function privateRange(address: string): string | undefined {
  const ip = parseIpLiteral(address);
  if (ip === undefined) return undefined;
  if (ip.version === 4) {
    const hit = V4_RANGES.find((r) => contains(r, ip));
    return hit ? named(hit) : undefined;
  }
  const carrier = V4_CARRIERS.find((r) => contains(r, ip));
  if (carrier) {
    const v4 = (ip.value >> carrier.shift) & 0xffffffffn;
    const inner = privateRange(formatIpv4(v4));
    return inner === undefined
      ? undefined
      : `${named(carrier)} holding ${formatIpv4(v4)}, in ${inner}`;
  }
  const hit = V6_RANGES.find((r) => contains(r, ip));
  if (hit) return named(hit);
  return contains(GLOBAL_UNICAST, ip)
    ? undefined
    : 'reserved space outside 2000::/3 (global unicast)';
}

/** True for any address the guard refuses: loopback, private, link-local, reserved … ({@link privateRange}). */
export function isPrivateAddress(address: string): boolean {
  return privateRange(address) !== undefined;
}

import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { LsmlError } from '../errors/index.js';

const PRIVATE_V4: [number, number][] = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata)
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x00000000, 8], // 0/8
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

/** True for loopback, private, link-local and unique-local addresses (v4, v6, v4-mapped v6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  if (isIP(address) === 4) {
    const n = v4ToInt(address);
    return PRIVATE_V4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
  }
  const lower = address.toLowerCase();
  return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** Resolves every address of a host name (`dns.lookup` with `all: true`, or a test's stand-in). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

function blockedError(host: string, address: string): LsmlError {
  return new LsmlError(
    'DATA_BLOCKED',
    `Refused to fetch from ${host}: it resolves to the private address ${address} and LSML_BLOCK_PRIVATE_ADDRESSES is on`,
  );
}

function resolveAll(resolve: ResolveAll, host: string): Promise<LookupAddress[]> {
  return new Promise((ok, fail) => {
    resolve(host, { all: true }, (error, addresses) => {
      if (error) fail(error);
      else ok(addresses);
    });
  });
}

/**
 * Refuses a host that resolves to a private address, when the operator asked for it. This gives
 * a clear error before any request; {@link privateAddressGuard} checks again at connect time.
 */
export async function checkHostAllowed(
  url: URL,
  blockPrivate: boolean,
  resolve: ResolveAll = dnsLookup,
): Promise<void> {
  if (!blockPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await resolveAll(resolve, host)).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) throw blockedError(url.origin, blocked);
}

/**
 * A `lookup` for sockets that refuses private addresses at connect time. Checking a host name
 * before the request is not enough: the request resolves it again, and a DNS server that
 * answers a public address first and a private one next (DNS rebinding) would get past it.
 */
export function privateAddressGuard(resolve: ResolveAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      const first = addresses[0];
      if (blocked !== undefined || first === undefined) {
        const refusal = blocked
          ? blockedError(hostname, blocked.address)
          : Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
        callback(refusal, '', 4);
        return;
      }
      // net.connect asks for every address when it tries them in turn (autoSelectFamily).
      if (options.all === true) (callback as unknown as ResolveAllCallback)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

type ResolveAllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

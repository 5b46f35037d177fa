import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
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

/** Refuses a host that resolves to a private address, when the operator asked for it. */
export async function checkHostAllowed(url: URL, blockPrivate: boolean): Promise<void> {
  if (!blockPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) {
    throw new LsmlError(
      'DATA_BLOCKED',
      `Refused to fetch ${url.origin}: it resolves to the private address ${blocked} and LSML_BLOCK_PRIVATE_ADDRESSES is on`,
    );
  }
}

import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { LsmlError } from '../errors/index.js';
import { privateRange } from './address-policy.js';
import { parseIpLiteral } from './ip-literal.js';

/** Resolves every address of a host name (`dns.lookup` with `all: true`, or a test's stand-in). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

type ResolveAllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

/** The first address of `addresses` the policy refuses, with the range it is in. */
function firstPrivate(addresses: string[]): { address: string; range: string } | undefined {
  for (const address of addresses) {
    const range = privateRange(address);
    if (range !== undefined) return { address, range };
  }
  return undefined;
}

function blockedError(
  where: string,
  blocked: { address: string; range: string },
  literal: boolean,
  advice?: string,
): LsmlError {
  const what = literal ? `${blocked.address} is in` : `it resolves to ${blocked.address}, in`;
  return new LsmlError(
    'DATA_BLOCKED',
    `Refused to fetch from ${where}: ${what} ${blocked.range}, and LSML_BLOCK_PRIVATE_ADDRESSES is on${advice ? `; ${advice}` : ''}`,
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
 * Refuses a URL whose host is a private address or resolves to one, with a clear error before any
 * request. An IP literal is judged as it is: sockets never look it up, so this is the only check
 * it gets. A host name gets a second check at connect time ({@link privateAddressGuard}).
 * `advice` is appended to the refusal (what the operator can do about it).
 */
export async function checkHostAllowed(
  url: URL,
  resolve: ResolveAll = dnsLookup,
  advice?: string,
): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = parseIpLiteral(host) !== undefined;
  const addresses = literal ? [host] : (await resolveAll(resolve, host)).map((a) => a.address);
  const blocked = firstPrivate(addresses);
  if (blocked !== undefined) throw blockedError(url.origin, blocked, literal, advice);
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
      const blocked = firstPrivate(addresses.map((a) => a.address));
      const first = addresses[0];
      if (blocked !== undefined || first === undefined) {
        const refusal = blocked
          ? blockedError(hostname, blocked, false)
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

import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fake-label-studio.js';
import { isPrivateAddress, privateAddressGuard, type ResolveAll } from './address-policy.js';
import { requestWithPolicy, type FetchPolicy } from './fetch-to-file.js';

describe('isPrivateAddress', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
  ])('%s is private', (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(['8.8.8.8', '172.32.0.1', '193.168.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (a) => {
      expect(isPrivateAddress(a)).toBe(false);
    },
  );
});

const policy = (resolve: ResolveAll): FetchPolicy => ({
  labelStudioOrigin: undefined,
  token: undefined,
  maxBytes: 1000,
  connectTimeoutMs: 5000,
  readTimeoutMs: 5000,
  blockPrivateAddresses: true,
  maxRedirects: 0,
  resolve,
});

describe('private address guard', () => {
  it('refuses at connect time a host whose second lookup turns private (DNS rebinding)', async () => {
    const target = await fakeServer((_req, res) => res.end('secret'));
    const port = new URL(target.url).port;
    let lookups = 0;
    // A DNS server that answers a public address first, then loopback.
    const rebinding: ResolveAll = (_host, _options, callback) => {
      lookups += 1;
      callback(null, [{ address: lookups === 1 ? '203.0.113.7' : '127.0.0.1', family: 4 }]);
    };
    try {
      await expect(
        requestWithPolicy(
          new URL(`http://rebind.test:${port}/x`),
          policy(rebinding),
          new AbortController(),
        ),
      ).rejects.toMatchObject({
        code: 'DATA_BLOCKED',
        message: expect.stringMatching(/rebind\.test.*127\.0\.0\.1/) as unknown,
      });
      expect(lookups).toBe(2);
      expect(target.seen).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('passes public addresses on in the shape net.connect asked for', async () => {
    const publicOnly: ResolveAll = (_host, _options, callback) => {
      callback(null, [
        { address: '203.0.113.7', family: 4 },
        { address: '2001:db8::7', family: 6 },
      ]);
    };
    const guard = privateAddressGuard(publicOnly);
    const one = await new Promise<unknown[]>((resolve) => {
      guard('h', { all: false }, (...args: unknown[]) => {
        resolve(args);
      });
    });
    expect(one).toEqual([null, '203.0.113.7', 4]);
    const all = await new Promise<unknown[]>((resolve) => {
      guard('h', { all: true }, (...args: unknown[]) => {
        resolve(args);
      });
    });
    expect(all).toEqual([
      null,
      [
        { address: '203.0.113.7', family: 4 },
        { address: '2001:db8::7', family: 6 },
      ],
    ]);
  });
});

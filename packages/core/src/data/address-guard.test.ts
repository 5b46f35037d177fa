import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fake-label-studio.js';
import { privateAddressGuard, type ResolveAll } from './address-guard.js';
import type { FetchPolicy } from './fetch-policy.js';
import { requestWithPolicy } from './request-with-policy.js';

const policy = (resolve: ResolveAll): FetchPolicy => ({
  labelStudioOrigin: undefined,
  exemptOrigin: undefined,
  auth: undefined,
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
      callback(null, [{ address: lookups === 1 ? '8.8.8.8' : '127.0.0.1', family: 4 }]);
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
        { address: '8.8.8.8', family: 4 },
        { address: '2001:4860:4860::8888', family: 6 },
      ]);
    };
    const guard = privateAddressGuard(publicOnly);
    const one = await new Promise<unknown[]>((resolve) => {
      guard('h', { all: false }, (...args: unknown[]) => {
        resolve(args);
      });
    });
    expect(one).toEqual([null, '8.8.8.8', 4]);
    const all = await new Promise<unknown[]>((resolve) => {
      guard('h', { all: true }, (...args: unknown[]) => {
        resolve(args);
      });
    });
    expect(all).toEqual([
      null,
      [
        { address: '8.8.8.8', family: 4 },
        { address: '2001:4860:4860::8888', family: 6 },
      ],
    ]);
  });
});

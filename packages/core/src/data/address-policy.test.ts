import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './address-policy.js';

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

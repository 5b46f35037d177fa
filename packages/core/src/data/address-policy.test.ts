import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './address-policy.js';

/**
 * Every spelling of an address the guard must refuse. Each is checked as written (what a DNS
 * answer or a caller hands over) and as `new URL('http://<spelling>/').hostname` (what a task URL
 * becomes: the WHATWG parser turns `0x7f.1` into `127.0.0.1` and `::ffff:127.0.0.1` into
 * `[::ffff:7f00:1]`, and `net.connect` never looks an IP literal up).
 */
const PRIVATE = [
  // IPv4, dotted
  '127.0.0.1',
  '127.255.255.254',
  '10.0.0.1',
  '10.255.255.255',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.0.1',
  '192.168.255.255',
  '169.254.169.254',
  '100.64.0.1',
  '100.127.255.255',
  '0.0.0.0',
  '0.1.2.3',
  '192.0.0.8',
  '192.0.2.1',
  '198.18.0.1',
  '198.19.255.255',
  '198.51.100.7',
  '203.0.113.7',
  '192.88.99.1',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  // IPv4, the other notations URL parsing and inet_aton accept
  '2130706433',
  '0x7f000001',
  '0X7F000001',
  '017700000001',
  '0x7f.1',
  '0177.1',
  '127.1',
  '127.0.1',
  '0177.0.0.1',
  '0x7F.0.0.1',
  '0x7f.0x0.0x0.0x1',
  '127.0.0.1.',
  '0',
  '0x0',
  '10.1',
  '3232235521',
  '0xc0.0xa8.1.1',
  '0xa9.0xfe.0xa9.0xfe',
  '0251.0376.0251.0376',
  '169.254.43518',
  // IPv6: unspecified, loopback, zero-run and bracket spellings
  '::',
  '::1',
  '0:0:0:0:0:0:0:1',
  '0000::0001',
  '[::1]',
  // IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96)
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::FFFF:7F00:1',
  '[::ffff:7f00:1]',
  '0:0:0:0:0:ffff:127.0.0.1',
  '0:0:0:0:0:ffff:7f00:0001',
  '::ffff:10.0.0.1',
  '::ffff:a9fe:a9fe',
  '::ffff:0.0.0.0',
  '::ffff:0:7f00:1',
  '::127.0.0.1',
  '::7f00:1',
  '::8.8.8.8',
  // NAT64: the well-known prefix embedding a private IPv4, and the local-use /48
  '64:ff9b::127.0.0.1',
  '64:ff9b::7f00:1',
  '64:ff9b::a00:1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b:1::808:808',
  '64:ff9b:1:ffff::1',
  // 6to4 embedding a private IPv4, Teredo, and other special IPv6 ranges
  '2002:7f00:1::',
  '2002:c0a8:101::1',
  '2002:a9fe:a9fe::1',
  '2001::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:2::1',
  '2001:db8::1',
  '3fff::1',
  '100::1',
  '5f00::1',
  // link-local (with zone ids), site-local, unique-local, multicast
  'fe80::1',
  'FE80::1',
  'febf:ffff::1',
  'fe80::1%eth0',
  'fe80::1%25eth0',
  '[fe80::1%25eth0]',
  'fec0::1',
  'fc00::1',
  'fd12:3456::1',
  'ff02::1',
  'ff05::1:3',
  // outside 2000::/3, the only global unicast block
  '4000::1',
];

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '11.0.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.167.255.255',
  '192.169.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '169.253.255.255',
  '198.17.255.255',
  '198.20.0.0',
  '223.255.255.255',
  '134744072',
  '0x8080808',
  '0x08.0x08.0x08.0x08',
  '010.010.010.010',
  '8.8.2056',
  '2001:4860:4860::8888',
  '2001:4860:4860:0:0:0:0:8888',
  '[2001:4860:4860::8888]',
  '2606:4700:4700::1111',
  '2a00:1450:4001::1',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::8.8.8.8',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

/** What a task URL's hostname is for this spelling (IPv6 gets its brackets); undefined if invalid. */
function asUrlHostname(spelling: string): string | undefined {
  const host = spelling.includes(':') && !spelling.startsWith('[') ? `[${spelling}]` : spelling;
  return URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`).hostname : undefined;
}

describe('isPrivateAddress', () => {
  it.each(PRIVATE)('%s is private', (spelling) => {
    expect(isPrivateAddress(spelling)).toBe(true);
  });
  it.each(PUBLIC)('%s is public', (spelling) => {
    expect(isPrivateAddress(spelling)).toBe(false);
  });

  // Zone ids are the only spellings above that a URL refuses outright.
  const privateHosts = PRIVATE.flatMap((s) => asUrlHostname(s) ?? []);
  const publicHosts = PUBLIC.flatMap((s) => asUrlHostname(s) ?? []);
  it('has spellings enough, and URL parsing keeps all but zone ids', () => {
    expect(PRIVATE.length + PUBLIC.length).toBeGreaterThanOrEqual(60);
    expect(PRIVATE.filter((s) => asUrlHostname(s) === undefined)).toEqual([
      'fe80::1%eth0',
      'fe80::1%25eth0',
      '[fe80::1%25eth0]',
    ]);
    expect(publicHosts.length).toBe(PUBLIC.length);
  });
  it.each(privateHosts)('URL hostname %s is private', (hostname) => {
    expect(isPrivateAddress(hostname)).toBe(true);
  });
  it.each(publicHosts)('URL hostname %s is public', (hostname) => {
    expect(isPrivateAddress(hostname)).toBe(false);
  });

  it.each([
    ['0x7f.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
    ['[::127.0.0.1]', '[::7f00:1]'],
    ['[64:ff9b::127.0.0.1]', '[64:ff9b::7f00:1]'],
  ])('URL parsing rewrites %s as %s (so the policy must know both)', (spelling, hostname) => {
    expect(asUrlHostname(spelling)).toBe(hostname);
  });

  it('judges an IPv4 address the same in every notation and every IPv6 form that embeds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
        const dotted = bytes.join('.');
        const hex = (n >>> 16).toString(16) + ':' + (n & 0xffff).toString(16);
        const expected = isPrivateAddress(dotted);
        const spellings = [
          String(n),
          `0x${n.toString(16)}`,
          bytes.map((b) => `0${b.toString(8)}`).join('.'),
          `${bytes[0] ?? 0}.${n & 0xffffff}`,
          `::ffff:${dotted}`,
          `::ffff:${hex}`,
          `64:ff9b::${hex}`,
        ];
        for (const spelling of spellings)
          expect(isPrivateAddress(spelling), spelling).toBe(expected);
      }),
    );
  });

  it('is false for host names and for text that is no address', () => {
    for (const text of [
      'localhost',
      'example.com',
      '',
      '1.2.3.4.5',
      '256.0.0.1',
      '::ffff:1.2.3',
      '1:2:3:4:5:6:7:8:9',
      '0x7g.1',
    ])
      expect(isPrivateAddress(text), text).toBe(false);
  });
});

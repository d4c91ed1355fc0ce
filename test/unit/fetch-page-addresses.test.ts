import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress, parseIpAddress } from '../../electron/main/tools/fetch-page/address-classification';

describe('classifyAddress: a table of well-known addresses', () => {
  const cases: [address: string, kind: string | 'public'][] = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['93.184.216.34', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['192.167.255.255', 'public'],
    ['223.255.255.255', 'public'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['0.1.2.3', 'unspecified ("this network")'],
    ['10.0.0.1', 'private network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private network'],
    ['172.31.255.255', 'private network'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.1.1', 'private network'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['64:ff9b::808:808', 'public'], // NAT64 form of 8.8.8.8
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped IPv6'],
    ['::ffff:7f00:1', 'IPv4-mapped IPv6'],
    // ipaddr.js reads the deprecated "::a.b.c.d" spelling as IPv4-mapped; refused either way.
    ['::127.0.0.1', 'IPv4-mapped IPv6'],
    ['::7f00:1', 'IPv4-compatible IPv6'],
    ['64:ff9b::7f00:1', 'NAT64 form of 127.0.0.1 (loopback)'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['2001::1', 'Teredo tunnel'],
    ['2001:db8::1', 'documentation'],
    ['2001:2::1', 'IETF protocol assignment'],
    ['2002:7f00:1::1', '6to4 tunnel'],
    ['3fff::1', 'documentation'],
    ['fc00::1', 'unique local (private network)'],
    ['fd12:3456:789a::1', 'unique local (private network)'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['4000::1', 'reserved'],
    ['1234::1', 'reserved'],
  ];

  it.each(cases)('%s is %s', (address, kind) => {
    const verdict = classifyAddress(address);
    if (kind === 'public') expect(verdict).toEqual({ public: true });
    else expect(verdict).toEqual({ public: false, kind });
  });

  it('treats anything that is not an IP address as not public', () => {
    for (const text of ['', 'example.com', '1.2.3', '256.1.1.1', '01.2.3.4', '1::2::3', '::ffff:1.2.3', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '0x7f.1', '127.1', '64:ff9b::010.0.0.1']) {
      expect(isPublicAddress(text), text).toBe(false);
    }
  });
});

describe('parseIpAddress', () => {
  it('reads every IPv6 spelling of the same address alike', () => {
    const forms = ['::ffff:127.0.0.1', '::FFFF:7F00:1', '0:0:0:0:0:ffff:7f00:1', '[::ffff:127.0.0.1]', '0::ffff:127.0.0.1'];
    const expected = parseIpAddress(forms[0]!)!.toByteArray();
    for (const form of forms) expect(parseIpAddress(form)?.toByteArray(), form).toEqual(expected);
  });
});

// The ranges written out again, independently of the implementation's table.
const NON_PUBLIC_IPV4: [base: string, bits: number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

const ipv4FromNumber = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const ipv4ToNumber = (text: string) => text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);

const addressInRange = ([base, bits]: [string, number]) =>
  fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((offset) => ipv4FromNumber(ipv4ToNumber(base) + offset));

/** First octets with no special-purpose block anywhere inside them. */
const PUBLIC_FIRST_OCTETS = Array.from({ length: 223 }, (_, i) => i + 1).filter(
  (octet) => ![10, 100, 127, 169, 172, 192, 198, 203].includes(octet),
);
const byte = fc.integer({ min: 0, max: 255 });

describe('classifyAddress: properties', () => {
  it('allows random public IPv4 addresses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PUBLIC_FIRST_OCTETS), byte, byte, byte, (a, b, c, d) => {
        expect(isPublicAddress(`${a}.${b}.${c}.${d}`)).toBe(true);
      }),
    );
  });

  it('allows the public neighbours of private blocks inside 100/8, 172/8 and 192.168/16', () => {
    const neighbours = fc.oneof(
      fc.tuple(fc.constant(100), fc.oneof(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 128, max: 255 }))),
      fc.tuple(fc.constant(172), fc.oneof(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 32, max: 255 }))),
      fc.tuple(fc.constant(192), fc.integer({ min: 169, max: 255 })),
    );
    fc.assert(
      fc.property(neighbours, byte, byte, ([a, b], c, d) => {
        expect(isPublicAddress(`${a}.${b}.${c}.${d}`)).toBe(true);
      }),
    );
  });

  it('refuses every address in the private and special IPv4 ranges', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NON_PUBLIC_IPV4).chain(addressInRange), (address) => {
        expect(isPublicAddress(address)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every IPv4 address written as IPv4-mapped IPv6, public or not', () => {
    fc.assert(
      fc.property(byte, byte, byte, byte, (a, b, c, d) => {
        expect(isPublicAddress(`::ffff:${a}.${b}.${c}.${d}`)).toBe(false);
      }),
    );
  });

  it('gives NAT64 addresses the verdict of the IPv4 address inside them', () => {
    fc.assert(
      fc.property(byte, byte, byte, byte, (a, b, c, d) => {
        const v4 = `${a}.${b}.${c}.${d}`;
        expect(isPublicAddress(`64:ff9b::${v4}`)).toBe(isPublicAddress(v4));
      }),
    );
  });

  const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
  const ipv6 = (first: fc.Arbitrary<number>) =>
    fc.tuple(first, fc.array(group, { minLength: 7, maxLength: 7 })).map(([head, rest]) => [head.toString(16), ...rest].join(':'));

  it('allows random global unicast IPv6 outside the special blocks', () => {
    // 2400::–2fff:: and 2600:: etc. hold the regional registries' allocations.
    fc.assert(fc.property(ipv6(fc.integer({ min: 0x2400, max: 0x2fff })), (address) => {
      expect(isPublicAddress(address)).toBe(true);
    }));
  });

  it('refuses random unique-local, link-local, multicast and reserved IPv6', () => {
    const nonPublicFirstGroups = fc.oneof(
      fc.integer({ min: 0xfc00, max: 0xfdff }),
      fc.integer({ min: 0xfe80, max: 0xfebf }),
      fc.integer({ min: 0xff00, max: 0xffff }),
      fc.integer({ min: 0x4000, max: 0xfbff }),
      fc.integer({ min: 0x0101, max: 0x1fff }),
    );
    fc.assert(fc.property(ipv6(nonPublicFirstGroups), (address) => {
      expect(isPublicAddress(address)).toBe(false);
    }));
  });
});

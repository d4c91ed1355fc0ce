/**
 * Decides whether an IP address is on the public internet. fetch_page runs inside the
 * person's machine, so anything else — loopback, the home or office network, the cloud
 * metadata service at 169.254.169.254, carrier-grade NAT, multicast — would let a web
 * page or a prompt make FROK probe places only the person's machine can reach.
 *
 * IPv4 lists the IANA special-purpose blocks. IPv6 is an allow-list: only global
 * unicast (2000::/3) minus its special blocks is public, plus NAT64 (64:ff9b::/96) when
 * the IPv4 address inside it is public, so IPv6-only networks with DNS64 still work.
 */
import { formatIPv4, parseIpAddress, type IpAddress } from './ip-address';

export type AddressClass = { public: true } | { public: false; kind: string };

interface Block {
  prefix: Uint8Array;
  bits: number;
  kind: string;
}

const v4 = (a: number, b: number, c: number, d: number, bits: number, kind: string): Block => ({
  prefix: Uint8Array.of(a, b, c, d),
  bits,
  kind,
});

/** First match wins, so narrower blocks come before the wider ones that contain them. */
const IPV4_BLOCKS: readonly Block[] = [
  v4(0, 0, 0, 0, 8, 'unspecified ("this network")'),
  v4(10, 0, 0, 0, 8, 'private network'),
  v4(100, 64, 0, 0, 10, 'carrier-grade NAT'),
  v4(127, 0, 0, 0, 8, 'loopback'),
  v4(169, 254, 0, 0, 16, 'link-local'),
  v4(172, 16, 0, 0, 12, 'private network'),
  v4(192, 0, 0, 0, 24, 'IETF protocol assignment'),
  v4(192, 0, 2, 0, 24, 'documentation'),
  v4(192, 88, 99, 0, 24, '6to4 relay'),
  v4(192, 168, 0, 0, 16, 'private network'),
  v4(198, 18, 0, 0, 15, 'benchmarking'),
  v4(198, 51, 100, 0, 24, 'documentation'),
  v4(203, 0, 113, 0, 24, 'documentation'),
  v4(224, 0, 0, 0, 4, 'multicast'),
  v4(255, 255, 255, 255, 32, 'broadcast'),
  v4(240, 0, 0, 0, 4, 'reserved'),
];

const v6 = (text: string, bits: number, kind: string): Block => {
  const parsed = parseIpAddress(text);
  if (!parsed || parsed.family !== 6) throw new Error(`Bad IPv6 block ${text}`);
  return { prefix: parsed.bytes, bits, kind };
};

const NAT64 = v6('64:ff9b::', 96, 'NAT64');

const IPV6_BLOCKS: readonly Block[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('::ffff:0:0', 96, 'IPv4-mapped IPv6'),
  v6('::', 96, 'IPv4-compatible IPv6'),
  v6('64:ff9b:1::', 48, 'local-use NAT64'),
  v6('100::', 64, 'discard-only'),
  v6('2001::', 32, 'Teredo tunnel'),
  v6('2001:db8::', 32, 'documentation'),
  v6('2001::', 23, 'IETF protocol assignment'),
  v6('2002::', 16, '6to4 tunnel'),
  v6('3fff::', 20, 'documentation'),
  v6('fc00::', 7, 'unique local (private network)'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'site-local'),
  v6('ff00::', 8, 'multicast'),
];

const GLOBAL_UNICAST = v6('2000::', 3, 'global unicast');

export function classifyAddress(address: string | IpAddress): AddressClass {
  const ip = typeof address === 'string' ? parseIpAddress(address) : address;
  if (!ip) return { public: false, kind: 'not a valid IP address' };
  return ip.family === 4 ? classifyIPv4(ip.bytes) : classifyIPv6(ip.bytes);
}

export function isPublicAddress(address: string | IpAddress): boolean {
  return classifyAddress(address).public;
}

function classifyIPv4(bytes: Uint8Array): AddressClass {
  const block = IPV4_BLOCKS.find((candidate) => inBlock(bytes, candidate));
  return block ? { public: false, kind: block.kind } : { public: true };
}

function classifyIPv6(bytes: Uint8Array): AddressClass {
  if (inBlock(bytes, NAT64)) {
    const embedded = bytes.subarray(12, 16);
    const inner = classifyIPv4(embedded);
    return inner.public ? inner : { public: false, kind: `NAT64 form of ${formatIPv4(embedded)} (${inner.kind})` };
  }
  const block = IPV6_BLOCKS.find((candidate) => inBlock(bytes, candidate));
  if (block) return { public: false, kind: block.kind };
  return inBlock(bytes, GLOBAL_UNICAST) ? { public: true } : { public: false, kind: 'reserved' };
}

function inBlock(bytes: Uint8Array, block: Block): boolean {
  if (bytes.length !== block.prefix.length) return false;
  const whole = block.bits >> 3;
  for (let i = 0; i < whole; i += 1) if (bytes[i] !== block.prefix[i]) return false;
  const rest = block.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole]! ^ block.prefix[whole]!) & mask) === 0;
}

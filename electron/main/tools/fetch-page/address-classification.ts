/**
 * Decides whether an IP address is on the public internet. fetch_page runs inside the
 * person's machine, so anything else — loopback, the home or office network, the cloud
 * metadata service at 169.254.169.254, carrier-grade NAT, multicast — would let a web
 * page or a prompt make FROK probe places only the person's machine can reach.
 *
 * ipaddr.js parses the text and matches the ranges; this module is the policy: which
 * blocks are refused and what each is called in the refusal. IPv4 lists the IANA
 * special-purpose blocks. IPv6 is an allow-list: only global unicast (2000::/3) minus its
 * special blocks is public, plus NAT64 (64:ff9b::/96) when the IPv4 address inside it is
 * public, so IPv6-only networks with DNS64 still work.
 */
import ipaddr from 'ipaddr.js';

export type AddressClass = { public: true } | { public: false; kind: string };
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

type RangeList<T> = Record<string, [T, number][]>;

/** Named blocks, each as CIDR text; a name may cover several blocks. */
function ranges<T extends IpAddress>(table: Record<string, string[]>, family: 'ipv4' | 'ipv6'): RangeList<T> {
  return Object.fromEntries(
    Object.entries(table).map(([kind, cidrs]) => [
      kind,
      cidrs.map((cidr) => {
        const range = ipaddr.parseCIDR(cidr);
        if (range[0].kind() !== family) throw new Error(`Bad ${family} block ${cidr}`);
        return range as [T, number];
      }),
    ]),
  );
}

// subnetMatch takes the first name whose blocks contain the address, so narrower blocks
// are listed before the wider ones that contain them.
const IPV4_BLOCKS = ranges<ipaddr.IPv4>(
  {
    'unspecified ("this network")': ['0.0.0.0/8'],
    'private network': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    'carrier-grade NAT': ['100.64.0.0/10'],
    loopback: ['127.0.0.0/8'],
    'link-local': ['169.254.0.0/16'],
    documentation: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
    'IETF protocol assignment': ['192.0.0.0/24'],
    '6to4 relay': ['192.88.99.0/24'],
    benchmarking: ['198.18.0.0/15'],
    multicast: ['224.0.0.0/4'],
    broadcast: ['255.255.255.255/32'],
    reserved: ['240.0.0.0/4'],
  },
  'ipv4',
);

const IPV6_BLOCKS = ranges<ipaddr.IPv6>(
  {
    unspecified: ['::/128'],
    loopback: ['::1/128'],
    'IPv4-mapped IPv6': ['::ffff:0:0/96'],
    'IPv4-compatible IPv6': ['::/96'],
    'local-use NAT64': ['64:ff9b:1::/48'],
    'discard-only': ['100::/64'],
    'Teredo tunnel': ['2001::/32'],
    documentation: ['2001:db8::/32', '3fff::/20'],
    'IETF protocol assignment': ['2001::/23'],
    '6to4 tunnel': ['2002::/16'],
    'unique local (private network)': ['fc00::/7'],
    'link-local': ['fe80::/10'],
    'site-local': ['fec0::/10'],
    multicast: ['ff00::/8'],
  },
  'ipv6',
);

const NAT64 = ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number];
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];
const PUBLIC = 'public';

/**
 * Reads an IP address as it reaches the check: a dotted quad (the WHATWG URL parser has
 * already turned http://2130706433/ and http://0x7f.1/ into 127.0.0.1, and DNS answers
 * are canonical) or any IPv6 text form, optionally in brackets. Stricter than
 * ipaddr.parse on purpose: no short or hex IPv4 forms, no leading zeros (octal to
 * inet_aton, decimal to others) and no zone ids (fe80::1%eth0), which no web page has.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!ipaddr.IPv6.isValid(bare) || bare.includes('%')) return null;
  const dotted = /:([^:]*\.[^:]*)$/.exec(bare)?.[1];
  if (dotted !== undefined && !ipaddr.IPv4.isValidFourPartDecimal(dotted)) return null;
  return ipaddr.IPv6.parse(bare);
}

export function classifyAddress(address: string | IpAddress): AddressClass {
  const ip = typeof address === 'string' ? parseIpAddress(address) : address;
  if (!ip) return { public: false, kind: 'not a valid IP address' };
  return ip.kind() === 'ipv4' ? classifyIPv4(ip as ipaddr.IPv4) : classifyIPv6(ip as ipaddr.IPv6);
}

export function isPublicAddress(address: string | IpAddress): boolean {
  return classifyAddress(address).public;
}

function classifyIPv4(ip: ipaddr.IPv4): AddressClass {
  const kind = ipaddr.subnetMatch(ip, IPV4_BLOCKS, PUBLIC);
  return kind === PUBLIC ? { public: true } : { public: false, kind };
}

function classifyIPv6(ip: ipaddr.IPv6): AddressClass {
  if (ip.match(NAT64)) {
    const embedded = new ipaddr.IPv4(ip.toByteArray().slice(12));
    const inner = classifyIPv4(embedded);
    return inner.public ? inner : { public: false, kind: `NAT64 form of ${embedded.toString()} (${inner.kind})` };
  }
  const kind = ipaddr.subnetMatch(ip, IPV6_BLOCKS, PUBLIC);
  if (kind !== PUBLIC) return { public: false, kind };
  return ip.match(GLOBAL_UNICAST) ? { public: true } : { public: false, kind: 'reserved' };
}

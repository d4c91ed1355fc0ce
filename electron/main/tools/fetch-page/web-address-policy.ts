/**
 * Which URLs fetch_page may even try: http(s) only, no credentials in the URL, and no
 * host that is private by its form — a literal non-public IP, or a name reserved for
 * local networks. Names that look public are checked again once resolved
 * (see host-resolution.ts).
 */
import { classifyAddress, parseIpAddress } from './address-classification';
import { failed, refused, refusedAddress } from './fetch-page-errors';

/**
 * The Fetch standard's "bad ports": other protocols' ports, where an HTTP request could
 * be misread as a command (mail, IRC, …). The global fetch refuses them; node:http does
 * not, so the default transport relies on this check.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540,
  548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000,
  6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Suffixes that never name a public site: RFC 6761/6762/8375 plus common LAN habits. */
const PRIVATE_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain', 'lan', 'intranet', 'corp', 'home'];

export function parseWebAddress(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw failed(`"${clip(raw)}" is not a web address; give a full URL such as https://example.com/page.`);
  }
  checkScheme(url);
  return url;
}

/** Refuses what no public web page needs: other schemes, other services' ports, credentials. */
export function checkScheme(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refused(
      `Only web pages (http:// or https:// addresses) can be fetched; "${clip(url.href)}" is a ${url.protocol.slice(0, -1)}: address.`,
    );
  }
  if (url.port && BAD_PORTS.has(Number(url.port))) {
    throw refused(`fetch_page does not connect to port ${url.port}: it belongs to another kind of service, not web pages.`);
  }
  if (url.username || url.password) {
    throw refused('fetch_page does not send user names or passwords; give the address without the "user:password@" part.');
  }
}

/**
 * Refuses a host that is private by its form. Returns the IP when the host is a literal
 * address (nothing to resolve), or null for a name that still needs resolving.
 */
export function checkHostForm(url: URL): string | null {
  const host = url.hostname;
  const literal = parseIpAddress(host);
  if (literal) {
    const address = host.startsWith('[') ? host.slice(1, -1) : host;
    const verdict = classifyAddress(literal);
    if (!verdict.public) throw refusedAddress(host, address, verdict.kind);
    return address;
  }
  const name = host.replace(/\.+$/, '').toLowerCase();
  if (!name.includes('.')) {
    if (name === 'localhost') throw refusedAddress(host, host, 'loopback');
    // A single label resolves through the local network's search domains, never to a public site.
    throw refused(`fetch_page only reads public web pages; "${host}" is a local network name, so it was not fetched.`);
  }
  const suffix = PRIVATE_NAME_SUFFIXES.find((candidate) => name === candidate || name.endsWith(`.${candidate}`));
  if (suffix) {
    throw refused(`fetch_page only reads public web pages; "${host}" is a local network name (.${suffix}), so it was not fetched.`);
  }
  return null;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

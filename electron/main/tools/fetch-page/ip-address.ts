/**
 * Parses the IP address forms that reach the address check: the canonical dotted quad
 * (the WHATWG URL parser already turns http://2130706433/ and http://0x7f.1/ into
 * 127.0.0.1, and DNS answers are canonical) and every IPv6 text form, including `::`
 * compression and an embedded dotted quad (::ffff:127.0.0.1). Zone ids (fe80::1%eth0)
 * are not addresses a web page can have, so they do not parse.
 */
export type IpAddress = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

export function parseIpAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = parseIPv4(bare);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(bare);
  return v6 ? { family: 6, bytes: v6 } : null;
}

export function parseIPv4(text: string): Uint8Array | null {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i += 1) {
    const part = match[i + 1]!;
    // A leading zero means octal to inet_aton but decimal to others: refuse the ambiguity.
    if (part.length > 1 && part.startsWith('0')) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

export function parseIPv6(text: string): Uint8Array | null {
  if (text.length === 0 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups: number[] = [];
  const tailGroups: number[] = [];
  if (!readGroups(head, groups, halves.length === 1)) return null;
  if (halves.length === 2 && !readGroups(tail, tailGroups, true)) return null;
  const total = groups.length + tailGroups.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const all = [...groups, ...new Array<number>(8 - total).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Reads hex groups into `out`; only the very last part may be a dotted quad. */
function readGroups(parts: string[], out: number[], mayEndWithIPv4: boolean): boolean {
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    if (mayEndWithIPv4 && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (!v4) return false;
      out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (HEX_GROUP.test(part)) {
      out.push(Number.parseInt(part, 16));
    } else {
      return false;
    }
  }
  return true;
}

export function formatIPv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/**
 * Resolves a host name and insists that every address it has is public: a name with one
 * public and one private address could be answered either way on connect, so one bad
 * address is enough to refuse.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { z } from 'zod';
import { classifyAddress } from './address-classification';
import { AddressRefusedError } from './fetch-page-errors';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type LookupHost = (host: string) => Promise<ResolvedAddress[]>;

export const defaultLookupHost: LookupHost = async (host) => {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

const lookupAnswer = z.array(z.object({ address: z.string().min(1), family: z.union([z.literal(4), z.literal(6)]) }));

/**
 * Returns the host's addresses, all of them public unless `allowPrivate`. Throws
 * AddressRefusedError for a non-public address and an ENOTFOUND-coded error when the
 * name has none, so callers describe both the same way as socket errors.
 */
export async function resolvePublicAddresses(
  host: string,
  lookup: LookupHost,
  allowPrivate: boolean,
): Promise<ResolvedAddress[]> {
  const parsed = lookupAnswer.safeParse(await lookup(host));
  if (!parsed.success || parsed.data.length === 0) {
    throw Object.assign(new Error(`${host} has no addresses`), { code: 'ENOTFOUND' });
  }
  if (!allowPrivate) {
    for (const { address } of parsed.data) {
      const verdict = classifyAddress(address);
      if (!verdict.public) throw new AddressRefusedError(host, address, verdict.kind);
    }
  }
  return parsed.data;
}

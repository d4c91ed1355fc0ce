/**
 * A `lookup` for node:net that resolves the name, refuses non-public addresses and hands
 * the socket exactly the addresses it checked. Running the check inside the connection
 * closes the DNS-rebinding gap: a name cannot answer "public" to the pre-flight check and
 * "127.0.0.1" to the connect, because there is only one answer and it is the one used.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { resolvePublicAddresses, type LookupHost } from './host-resolution';

export function createGuardedLookup(lookup: LookupHost, allowPrivate: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolvePublicAddresses(hostname, lookup, allowPrivate).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
        const usable: LookupAddress[] = addresses.filter((a) => family === 0 || a.family === family);
        const first = usable[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '');
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * The ways fetch_page can fail, as errors a person (or the research agent relaying to
 * one) can act on. `refused` is a policy decision; `failed` means the site could not be
 * read; `timeout` means it was too slow.
 */
import { UserFacingError } from '../../errors';

export const FETCH_PAGE_REFUSED = 'fetch_page_refused';
export const FETCH_PAGE_FAILED = 'fetch_page_failed';
export const FETCH_PAGE_TIMEOUT = 'fetch_page_timeout';

export function refused(message: string): UserFacingError {
  return new UserFacingError(FETCH_PAGE_REFUSED, message);
}

export function failed(message: string): UserFacingError {
  return new UserFacingError(FETCH_PAGE_FAILED, message);
}

export function timedOut(host: string, timeoutMs: number): UserFacingError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new UserFacingError(
    FETCH_PAGE_TIMEOUT,
    `${host} did not send the page within ${seconds} seconds. Try again later or use another source.`,
  );
}

/**
 * Raised inside the connection itself (see guarded-lookup.ts) when a name resolves to a
 * non-public address at connect time; page-fetcher.ts turns it into a refusal.
 */
export class AddressRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${host} resolves to ${address}, a ${kind} address`);
    this.name = 'AddressRefusedError';
  }
}

export function refusedAddress(host: string, address: string, kind: string): UserFacingError {
  const where = host === address || `[${address}]` === host ? address : `${host} (${address})`;
  return refused(
    `fetch_page only reads public web pages; ${where} is a ${kind} address, so it was not fetched.`,
  );
}

/** Describes a network error from fetch or node:http in words, without a stack. */
export function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return 'its name does not resolve to any address; check the spelling';
    case 'EAI_AGAIN':
      return 'its name could not be looked up right now; check the internet connection';
    case 'ECONNREFUSED':
      return 'it refused the connection';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before the page arrived';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'it cannot be reached from this network; check the internet connection';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'UNSUPPORTED_ENCODING':
      return 'it sent the page compressed in a way FROK cannot read';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'UND_ERR_INVALID_ARG':
      return 'it sent a malformed HTTP reply';
    default:
      // zlib reports Z_DATA_ERROR and friends; brotli reports ERR__ERROR_FORMAT_….
      if (code && /^(Z_|ERR__)/.test(code)) return 'it sent corrupt compressed data';
      if (code && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
        return 'its security certificate could not be verified';
      }
      return code ? `the connection failed (${code})` : 'the connection failed';
  }
}

function errorCode(error: unknown): string | undefined {
  // fetch wraps the socket error: TypeError('fetch failed', { cause }).
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

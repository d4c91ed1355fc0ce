/**
 * Fetches one web page a person named and returns its readable text, for the research
 * specialist's fetch_page tool. Because it runs on the person's machine, it only ever
 * talks to the public internet (see address-classification.ts), checks every redirect
 * hop the same way, and bounds time, bytes and characters.
 *
 * DNS rebinding: a host name is resolved and checked before each request, but `fetch`
 * resolves it again when it connects, and the two answers may differ. The default
 * transport (guarded-transport.ts) closes that gap by checking inside the connection and
 * connecting only to the checked addresses. A `fetch` passed in options cannot be pinned
 * that way (that needs an undici dispatcher, and undici is not a dependency), so with
 * one the pre-flight check is the only check: pass one only in tests or for a trusted
 * network.
 */
import { z } from 'zod';
import { UserFacingError } from '../../errors';
import { isHtmlType, parseContentType, READABLE_TYPES } from './content-type';
import { decodeText } from './decode-text';
import {
  AddressRefusedError,
  describeNetworkError,
  failed,
  refused,
  refusedAddress,
  timedOut,
} from './fetch-page-errors';
import { createGuardedTransport, type HttpGet } from './guarded-transport';
import { defaultLookupHost, resolvePublicAddresses, type LookupHost } from './host-resolution';
import { htmlToText } from './html-to-text';
import { raceAbort, readCappedBody } from './read-capped-body';
import { truncateText } from './truncate-text';
import { checkHostForm, checkScheme, parseWebAddress } from './web-address-policy';

export interface PageFetcherOptions {
  /** How to send one GET without following redirects; `globalThis.fetch` fits. */
  fetch?: HttpGet;
  /** Resolves a host name to every address it has; dns.promises.lookup by default. */
  lookup?: LookupHost;
  timeoutMs?: number;
  /** Bytes of body read at most (after decompression); the rest is not downloaded. */
  maxBytes?: number;
  /** Characters of text returned at most. */
  maxChars?: number;
  /** Only for tests of the fetching itself, which serve pages from 127.0.0.1. */
  allowPrivateAddresses?: boolean;
}

export interface FetchedPage {
  /** The address the page was finally read from, after redirects. */
  url: string;
  title: string | null;
  text: string;
  /** True when the page was longer than maxBytes or its text longer than maxChars. */
  truncated: boolean;
  /** The page's media type, e.g. "text/html". */
  contentType: string;
}

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const limits = z.object({
  timeoutMs: z.number().int().positive().default(15_000),
  maxBytes: z.number().int().positive().default(2 * 1024 * 1024),
  maxChars: z.number().int().min(100).default(20_000),
  allowPrivateAddresses: z.boolean().default(false),
});

const REQUEST_HEADERS = {
  'user-agent': 'Mozilla/5.0 (compatible; FROK/0.1; desktop assistant reading a page its user asked about)',
  accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,application/json;q=0.8,*/*;q=0.1',
};

export class PageFetcher {
  private readonly get: HttpGet;
  private readonly lookup: LookupHost;
  private readonly limits: z.output<typeof limits>;

  constructor(options: PageFetcherOptions = {}) {
    this.limits = limits.parse({
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      maxChars: options.maxChars,
      allowPrivateAddresses: options.allowPrivateAddresses,
    });
    this.lookup = options.lookup ?? defaultLookupHost;
    this.get = options.fetch ?? createGuardedTransport(this.lookup, this.limits.allowPrivateAddresses);
  }

  /**
   * Throws UserFacingError: fetch_page_refused (not http(s), not public, not text),
   * fetch_page_failed (unreachable, HTTP error, too many redirects) or
   * fetch_page_timeout. A cancelled `signal` rejects with its reason.
   */
  async fetchPage(address: string, options: { signal?: AbortSignal } = {}): Promise<FetchedPage> {
    let url = parseWebAddress(address);
    const deadline = AbortSignal.timeout(this.limits.timeoutMs);
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    try {
      for (let redirects = 0; ; redirects += 1) {
        await this.checkDestination(url, signal, redirects > 0);
        const response = await raceAbort(
          this.get(url.href, { headers: REQUEST_HEADERS, signal, redirect: 'manual' }),
          signal,
        );
        if (!REDIRECT_STATUSES.has(response.status)) return await this.read(url, response, signal);
        discard(response);
        if (redirects === MAX_REDIRECTS) {
          throw failed(`${url.host} redirected more than ${MAX_REDIRECTS} times without reaching a page; try a more direct address.`);
        }
        url = redirectTarget(url, response.headers.get('location'));
      }
    } catch (error) {
      throw this.explain(error, url, deadline, options.signal);
    }
  }

  private async checkDestination(url: URL, signal: AbortSignal, redirected: boolean): Promise<void> {
    if (this.limits.allowPrivateAddresses) return;
    try {
      if (checkHostForm(url) !== null) return; // a literal public IP: nothing to resolve
      await raceAbort(resolvePublicAddresses(url.hostname, this.lookup, false), signal);
    } catch (error) {
      const refusal =
        error instanceof AddressRefusedError ? refusedAddress(error.host, error.address, error.kind) : error;
      // Say so when a redirect led here: the person named a different address.
      if (redirected && refusal instanceof UserFacingError) {
        throw new UserFacingError(refusal.code, `The page redirected to ${url.href}. ${refusal.message}`);
      }
      throw refusal;
    }
  }

  private async read(url: URL, response: Response, signal: AbortSignal): Promise<FetchedPage> {
    if (!response.ok) {
      discard(response);
      throw failed(`Could not read ${url.href}: ${describeStatus(response)}.`);
    }
    const { mimeType, charset } = parseContentType(response.headers.get('content-type'));
    if (!READABLE_TYPES.has(mimeType)) {
      discard(response);
      const what = mimeType ? `a ${mimeType} file` : 'content of an unstated type';
      throw refused(
        `${url.href} is ${what}, not a web page; fetch_page reads only HTML, plain text and JSON (not PDFs, images or downloads).`,
      );
    }
    const body = await readCappedBody(response.body, this.limits.maxBytes, signal);
    const html = isHtmlType(mimeType);
    const decoded = decodeText(body.bytes, charset, html);
    const page = html ? htmlToText(decoded, { url: url.href }) : { title: null, text: plainText(decoded) };
    const text = truncateText(page.text, this.limits.maxChars);
    return {
      url: url.href,
      title: page.title,
      text: text.text,
      truncated: body.truncated || text.truncated,
      contentType: mimeType,
    };
  }

  private explain(error: unknown, url: URL, deadline: AbortSignal, callerSignal: AbortSignal | undefined): unknown {
    if (error instanceof UserFacingError) return error;
    const refusal = findCause(error, AddressRefusedError);
    if (refusal) return refusedAddress(refusal.host, refusal.address, refusal.kind);
    if (callerSignal?.aborted) return callerSignal.reason;
    if (deadline.aborted) return timedOut(url.host, this.limits.timeoutMs);
    return failed(`Could not reach ${url.host}: ${describeNetworkError(error)}.`);
  }
}

function redirectTarget(from: URL, location: string | null): URL {
  if (!location) throw failed(`${from.host} answered with a redirect but did not say where to; the page cannot be read.`);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw failed(`${from.host} redirected to "${location.slice(0, 200)}", which is not a valid address.`);
  }
  try {
    checkScheme(target);
  } catch (error) {
    if (error instanceof UserFacingError) {
      throw new UserFacingError(error.code, `The page at ${from.href} redirected elsewhere. ${error.message}`);
    }
    throw error;
  }
  return target;
}

function describeStatus(response: Response): string {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 404 || response.status === 410) return `the page does not exist (${status}); check the address`;
  if (response.status === 401 || response.status === 403) {
    return `the site refused access (${status}); the page may need a login or block automated readers`;
  }
  if (response.status === 429) return `the site is limiting requests (${status}); try again later`;
  if (response.status >= 500) return `the site had an error (${status}); try again later`;
  return `the site answered ${status} instead of the page`;
}

function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof type) return current;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}

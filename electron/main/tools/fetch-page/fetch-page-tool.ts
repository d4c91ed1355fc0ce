/**
 * The `fetch_page` tool for the research specialist. A page that cannot be fetched
 * (refused, unreachable, too slow) is an ordinary outcome: the tool returns the reason
 * as its result so the model can tell the person or try another source. Anything else
 * is a bug and is thrown for the SDK's own error handling.
 *
 * The URL parameter is a plain string, not z.string().url(): that emits
 * `format: "uri"`, which OpenAI rejects in strict tool schemas (failing the whole
 * request). PageFetcher validates the address itself and explains what is wrong.
 */
import { tool } from '@openai/agents';
import { z } from 'zod';
import { UserFacingError } from '../../errors';
import type { FetchedPage, PageFetcher } from './page-fetcher';

export const FETCH_PAGE_TOOL_NAME = 'fetch_page';

export const FETCH_PAGE_DESCRIPTION =
  'Reads one public web page and returns its title and main text (as light Markdown). ' +
  'Use it when the person names or links a page, or to read a result found by web search. ' +
  'Only http(s) pages on the public internet; HTML, plain text and JSON, not PDFs or images. ' +
  'Long pages are cut off, and the result says so.';

export const fetchPageParameters = z.object({
  url: z.string().describe('The full address of the page, starting with https:// or http://.'),
});

export function createFetchPageTool(fetcher: PageFetcher) {
  return tool({
    name: FETCH_PAGE_TOOL_NAME,
    description: FETCH_PAGE_DESCRIPTION,
    parameters: fetchPageParameters,
    execute: async ({ url }, _context, details) => {
      try {
        return formatPage(await fetcher.fetchPage(url, { signal: details?.signal }));
      } catch (error) {
        if (error instanceof UserFacingError) return `Could not fetch the page. ${error.message}`;
        throw error;
      }
    },
  });
}

/** The page as the model reads it: where it came from, its title, then its text. */
export function formatPage(page: FetchedPage): string {
  const lines = [`URL: ${page.url}`];
  if (page.title) lines.push(`Title: ${page.title}`);
  if (page.truncated) lines.push('Note: the page is longer than this; only its beginning is shown.');
  lines.push('', page.text || '(The page has no readable text.)');
  return lines.join('\n');
}

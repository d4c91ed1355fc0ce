export { PageFetcher, MAX_REDIRECTS, type FetchedPage, type PageFetcherOptions } from './page-fetcher';
export { createFetchPageTool, formatPage, fetchPageParameters, FETCH_PAGE_DESCRIPTION, FETCH_PAGE_TOOL_NAME } from './fetch-page-tool';
export { FETCH_PAGE_FAILED, FETCH_PAGE_REFUSED, FETCH_PAGE_TIMEOUT } from './fetch-page-errors';
export { classifyAddress, isPublicAddress, type AddressClass } from './address-classification';
export { htmlToText, type HtmlToTextOptions, type PageText } from './html-to-text';
export type { HttpGet } from './guarded-transport';
export type { LookupHost, ResolvedAddress } from './host-resolution';

/**
 * Turns what the person typed in Settings into HA's base URL and MCP endpoint. People
 * paste all sorts: a trailing slash, the `/api/mcp` endpoint itself, surrounding spaces.
 */
import { z } from 'zod';
import { homeInvalidUrl, homeNotConfigured } from './home-errors.ts';

export type HomeAssistantConfigInput = { url: string | null; token: string | null };

export type HomeAssistantEndpoint = {
  /** e.g. `http://homeassistant.local:8123`, for messages. */
  baseUrl: string;
  /** `${baseUrl}/api/mcp`. */
  mcpUrl: string;
  token: string;
};

const HttpUrl = z.url({ protocol: /^https?$/ });

/** Null when either part is missing; throws a UserFacingError when the URL is not one. */
export function resolveEndpoint(input: HomeAssistantConfigInput): HomeAssistantEndpoint | null {
  const url = input.url?.trim() ?? '';
  const token = input.token?.trim() ?? '';
  if (url === '' || token === '') return null;
  if (!HttpUrl.safeParse(url).success) throw homeInvalidUrl(url);
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/mcp$/, '');
  const baseUrl = `${parsed.origin}${path}`;
  return { baseUrl, mcpUrl: `${baseUrl}/api/mcp`, token };
}

export function requireEndpoint(input: HomeAssistantConfigInput): HomeAssistantEndpoint {
  const endpoint = resolveEndpoint(input);
  if (!endpoint) throw homeNotConfigured();
  return endpoint;
}

/** Two configs reach the same HA as the same person. */
export const sameEndpoint = (a: HomeAssistantEndpoint, b: HomeAssistantEndpoint): boolean => a.mcpUrl === b.mcpUrl && a.token === b.token;

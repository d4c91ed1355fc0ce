/**
 * The errors a person sees about Home Assistant, and how a failed MCP exchange is sorted
 * into them. The MCP client's own messages vary by protocol era ("Version negotiation
 * failed …", "Error POSTing to endpoint …"), so the HTTP statuses actually seen on the
 * wire decide first and the client's error codes only back them up.
 */
import { UserFacingError } from '../../errors.ts';
import { mainLanguage, tr } from '../../i18n/index.ts';

export const HOME_ERROR_CODES = {
  notConfigured: 'home_not_configured',
  unavailable: 'home_unavailable',
  unauthorized: 'home_unauthorized',
  noMcp: 'home_no_mcp',
  approvalRequired: 'home_approval_required',
} as const;

export function homeNotConfigured(): UserFacingError {
  return new UserFacingError(
    HOME_ERROR_CODES.notConfigured,
    tr('errors:home.notConfigured'),
  );
}

export function homeInvalidUrl(url: string): UserFacingError {
  return new UserFacingError(
    HOME_ERROR_CODES.notConfigured,
    tr('errors:home.invalidUrl', { url }),
  );
}

export function homeUnavailable(baseUrl: string, detail: string): UserFacingError {
  return new UserFacingError(
    HOME_ERROR_CODES.unavailable,
    tr('errors:home.unavailable', { baseUrl, detail }),
  );
}

export function homeUnauthorized(): UserFacingError {
  return new UserFacingError(
    HOME_ERROR_CODES.unauthorized,
    tr('errors:home.unauthorized'),
  );
}

export function homeNoMcp(baseUrl: string): UserFacingError {
  return new UserFacingError(
    HOME_ERROR_CODES.noMcp,
    tr('errors:home.noMcp', { baseUrl }),
  );
}

/** `prompt` is the question for the person, e.g. "Unlock Front Door (Hallway)?". */
export function homeApprovalRequired(prompt: string): UserFacingError {
  return new UserFacingError(HOME_ERROR_CODES.approvalRequired, tr('errors:home.approvalRequired', { prompt }));
}

/** What the HTTP layer saw while one operation ran. */
export type WireObservation = { statuses: number[]; networkErrors: unknown[] };

const seconds = (ms: number): string => `${(Math.round(ms / 100) / 10).toLocaleString(mainLanguage())} s`;

/** undici says "fetch failed" and keeps the reason in `cause`; put it in words. */
export function describeNetworkError(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return tr('errors:network.noAnswerWithin', { time: seconds(timeoutMs) });
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return tr('errors:network.refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return tr('errors:network.notFound');
    case 'ECONNRESET':
      return tr('errors:network.reset');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return tr('errors:network.unreachable');
    default:
      if (typeof cause?.code === 'string') return cause.code;
      return err instanceof Error ? err.message : String(err);
  }
}

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && key in value ? (value as Record<string, unknown>)[key] : undefined;

/** The MCP client's SdkHttpError carries the HTTP status in `data.status`. */
function statusIn(err: unknown): number | undefined {
  const status = field(field(err, 'data'), 'status') ?? field(err, 'status');
  return typeof status === 'number' ? status : undefined;
}

/** Sorts a failed MCP exchange into the error a person can act on. */
export function classifyHomeFailure(err: unknown, seen: WireObservation, baseUrl: string, timeoutMs: number): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const statuses = [...seen.statuses, ...(statusIn(err) === undefined ? [] : [statusIn(err)!])];
  const code = String(field(err, 'code') ?? '');
  if (statuses.some((s) => s === 401 || s === 403) || code === 'CLIENT_HTTP_AUTHENTICATION' || code === 'CLIENT_HTTP_FORBIDDEN') {
    return homeUnauthorized();
  }
  if (statuses.includes(404)) return homeNoMcp(baseUrl);
  const serverError = statuses.find((s) => s >= 500);
  if (serverError !== undefined) return homeUnavailable(baseUrl, `HTTP ${serverError}`);
  if (seen.networkErrors.length > 0) return homeUnavailable(baseUrl, describeNetworkError(seen.networkErrors.at(-1), timeoutMs));
  if (code === 'REQUEST_TIMEOUT' || (err instanceof Error && err.name === 'TimeoutError')) {
    return homeUnavailable(baseUrl, tr('errors:network.noAnswerWithin', { time: seconds(timeoutMs) }));
  }
  return homeUnavailable(baseUrl, err instanceof Error ? err.message : String(err));
}

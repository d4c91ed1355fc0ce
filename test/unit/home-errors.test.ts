// How a failed exchange with Home Assistant becomes an error a person can act on.
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors.ts';
import { classifyHomeFailure, describeNetworkError } from '../../electron/main/services/home/home-errors.ts';

const BASE = 'http://ha.local:8123';
const none = { statuses: [], networkErrors: [] };
const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

describe('classifyHomeFailure', () => {
  it.each([
    [{ statuses: [400, 401], networkErrors: [] }, 'home_unauthorized', /refused the token/],
    [{ statuses: [403], networkErrors: [] }, 'home_unauthorized', /long-lived access token/],
    [{ statuses: [404], networkErrors: [] }, 'home_no_mcp', /no MCP server at \/api\/mcp/],
    [{ statuses: [400, 405, 503], networkErrors: [] }, 'home_unavailable', /is not answering \(HTTP 503\)/],
    [{ statuses: [], networkErrors: [refused] }, 'home_unavailable', /connection refused/],
  ])('what the wire saw decides: %j → %s', (seen, code, message) => {
    const error = classifyHomeFailure(new Error('Version negotiation failed'), seen, BASE, 5_000);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('reads the status the MCP client puts on its error', () => {
    const sdkError = Object.assign(new Error('Error POSTing to endpoint: 503'), { code: 'CLIENT_HTTP_NOT_IMPLEMENTED', data: { status: 503 } });
    expect(classifyHomeFailure(sdkError, none, BASE, 5_000).message).toContain('(HTTP 503)');
  });

  it('falls back on the client’s codes, then on the timeout', () => {
    expect(classifyHomeFailure(Object.assign(new Error('x'), { code: 'CLIENT_HTTP_AUTHENTICATION' }), none, BASE, 5_000).code).toBe('home_unauthorized');
    expect(classifyHomeFailure(Object.assign(new Error('x'), { code: 'REQUEST_TIMEOUT' }), none, BASE, 2_500).message).toContain('no answer within 2.5 s');
    expect(classifyHomeFailure('odd', none, BASE, 5_000)).toMatchObject({ code: 'home_unavailable', message: expect.stringContaining(`Home Assistant at ${BASE} is not answering (odd)`) });
  });

  it('keeps an error that is already meant for the person', () => {
    const own = new UserFacingError('home_not_configured', 'set it up');
    expect(classifyHomeFailure(own, { statuses: [503], networkErrors: [] }, BASE, 5_000)).toBe(own);
  });
});

describe('describeNetworkError', () => {
  it.each([
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 'the name could not be looked up'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), 'the connection was cut off'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'EHOSTUNREACH' } }), 'the network cannot reach it'],
    [new DOMException('timed out', 'TimeoutError'), 'no answer within 10 s'],
  ])('%s', (err, words) => {
    expect(describeNetworkError(err, 10_000)).toBe(words);
  });
});

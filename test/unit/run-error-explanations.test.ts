/**
 * What a person is told when a question fails, and where it leads: no credit is not a rate
 * limit (and is not retried), a real rate limit says how long to wait, an unreachable
 * server points at Settings → Provider; the window adds the matching link by error code.
 */
import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { explainRunError, withoutNoCreditRetries } from '../../electron/main/agents/model-errors';
import { helpFor, OPENAI_BILLING_URL } from '../../renderer/src/components/ErrorHelp';
import { failureCause } from '../../renderer/src/activity/RunTimeline';
import { roughMoney, typicalCosts, TYPICAL_QUESTION_TOKENS, VOICE_MINUTE_TOKENS } from '../../renderer/src/screens/onboarding-costs';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const ctx = { providerName: 'OpenAI', model: 'gpt-5.6-luna' };
const NO_CREDIT_BODY = {
  error: {
    message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  },
};

/** The error the openai client throws for an HTTP answer, as it builds it. */
function httpError(status: number, body: unknown, headers: Record<string, string> = {}) {
  return APIError.generate(status, body as object, undefined, new Headers(headers));
}

describe('explaining a failed run', () => {
  it('no credit (429 insufficient_quota, even with a retry-after): says the account has no credit, not "try again"', () => {
    const explained = explainRunError(httpError(429, NO_CREDIT_BODY, { 'retry-after': '1' }), ctx);
    expect(explained.code).toBe('model_no_credit');
    expect(explained.message).toMatch(/^Your OpenAI account has no credit left/);
    expect(explained.message).toContain('Billing');
    expect(explained.message).not.toMatch(/try again in \d/i);
  });

  it('no credit told only by the type (OpenAI has sent code: null): still no credit', () => {
    const body = { error: { ...NO_CREDIT_BODY.error, code: null } };
    expect(explainRunError(httpError(429, body), ctx).code).toBe('model_no_credit');
  });

  it('a real rate limit says how long to wait, from retry-after', () => {
    const body = { error: { message: 'Rate limit reached for requests.', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
    const explained = explainRunError(httpError(429, body, { 'retry-after': '7' }), ctx);
    expect(explained.code).toBe('model_rate_limited');
    expect(explained.message).toContain('try again in 7 seconds');
    expect(explained.message).not.toContain('no credit');
  });

  it('an unreachable server says where the base URL is', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const explained = explainRunError(new APIConnectionError({ message: 'Connection error.', cause: refused }), ctx);
    expect(explained.code).toBe('model_unreachable');
    expect(explained.message).toBe("Couldn't reach OpenAI. Check your internet connection, and the base URL in Settings → Provider, then try again.");
    const local = explainRunError(new APIConnectionError({ message: 'Connection error.', cause: refused }), { ...ctx, providerName: '127.0.0.1:9' });
    expect(local.message).toMatch(/^Couldn't reach 127\.0\.0\.1:9\. Check that the server is running and the base URL in Settings → Provider/);
  });
});

describe('the client is told not to retry a no-credit answer', () => {
  const answering = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    withoutNoCreditRetries(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));

  it('no credit: x-should-retry is false, and the body is still there to read', async () => {
    const response = await answering(429, NO_CREDIT_BODY, { 'retry-after': '1' })('https://api.openai.com/v1/responses');
    expect(response.status).toBe(429);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(await response.json()).toEqual(NO_CREDIT_BODY);
  });

  it('a rate limit and an ordinary answer are left alone (the client retries the rate limit)', async () => {
    const limited = await answering(429, { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '2' })('https://x/v1/responses');
    expect(limited.headers.get('x-should-retry')).toBeNull();
    expect(limited.headers.get('retry-after')).toBe('2');
    const ok = await answering(200, { ok: true })('https://x/v1/responses');
    expect(ok.headers.get('x-should-retry')).toBeNull();
    expect(await ok.json()).toEqual({ ok: true });
  });
});

describe('where an error leads, in the window', () => {
  it('no credit → the billing page; unreachable → Settings → Provider; other errors → nothing', () => {
    expect(helpFor('model_no_credit')).toEqual({ kind: 'external', url: OPENAI_BILLING_URL, label: 'billing' });
    expect(OPENAI_BILLING_URL).toBe('https://platform.openai.com/settings/organization/billing');
    expect(helpFor('model_unreachable')).toMatchObject({ kind: 'settings', section: 'provider' });
    expect(helpFor('model_unauthorized')).toMatchObject({ kind: 'settings', section: 'account' });
    expect(helpFor('model_rate_limited')).toBeNull();
    expect(helpFor(undefined)).toBeNull();
  });

  it("a failure's cause drops the SDK's fixed words and keeps what follows them", () => {
    expect(failureCause('An error occurred while running the tool. Please try again.')).toBeNull();
    expect(failureCause('An error occurred while running the tool: the "Files" server said: no such file')).toBe('the "Files" server said: no such file');
    expect(failureCause("Your OpenAI account has no credit left, so OpenAI refused the request.")).toBe('Your OpenAI account has no credit left, so OpenAI refused the request.');
    expect(failureCause('')).toBeNull();
  });
});

describe('what FROK typically costs, for the first-run sentence', () => {
  it('is worked out from the price table, for the chosen text and voice models', () => {
    const settings = { models: { text: 'text-a', realtime: 'voice-a' }, pricing: { 'text-a': { inputPerMillionUsd: 1, outputPerMillionUsd: 4 }, 'voice-a': { inputPerMillionUsd: 10, outputPerMillionUsd: 20 } } };
    const costs = typicalCosts(settings);
    expect(costs.questionUsd).toBeCloseTo((TYPICAL_QUESTION_TOKENS.input * 1 + TYPICAL_QUESTION_TOKENS.output * 4) / 1e6, 12);
    expect(costs.voiceMinuteUsd).toBeCloseTo((VOICE_MINUTE_TOKENS.input * 10 + VOICE_MINUTE_TOKENS.output * 20) / 1e6, 12);
    // A price changed in Settings changes the sentence.
    expect(typicalCosts({ ...settings, pricing: { ...settings.pricing, 'text-a': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 } } }).questionUsd).toBeCloseTo(2 * costs.questionUsd!, 12);
  });

  it('uses the shipped prices for the default models, and says nothing about a model with no price', () => {
    const shipped = typicalCosts(DEFAULT_SETTINGS);
    expect(shipped.questionUsd).toBeGreaterThan(0);
    expect(shipped.voiceMinuteUsd).toBeGreaterThan(shipped.questionUsd!);
    expect(typicalCosts({ models: { text: 'unpriced', realtime: 'unpriced' }, pricing: {} })).toEqual({ questionUsd: null, voiceMinuteUsd: null });
  });

  it('reads as a rough amount: two significant digits', () => {
    const format = (value: number, options: Intl.NumberFormatOptions) => new Intl.NumberFormat('en-US', options).format(value);
    expect(roughMoney(0.001, format)).toBe('$0.001');
    expect(roughMoney(0.0576, format)).toBe('$0.058');
  });
});

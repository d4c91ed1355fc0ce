/** Log redaction: the values FROK holds and every secret-shaped run, in any line. */
import { describe, expect, it } from 'vitest';
import { createMemoryLogger, createRedactingLogger, formatLogLine, recordProblems, type LineSink } from '../../electron/main/logger';
import { RecentProblems } from '../../electron/main/logging/recent-problems';
import { createRedactor, REDACTED, redactPatterns } from '../../electron/main/logging/redact';
import { trackSecretValues } from '../../electron/main/services/secrets/track-secrets';
import { memorySecretStore } from '../support/node-services';

const HA_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhYmMxMjMiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.dGhpcy1pcy1hLWZha2Utc2lnbmF0dXJl';

describe('redactPatterns', () => {
  it.each([
    ['an OpenAI key', 'checking sk-proj-AbC123dEf456GhI789_jkl-mno now', 'checking sk-[redacted] now'],
    ['a legacy key', 'key=sk-abcdefghijklmnopqrstuvwx', 'key=sk-[redacted]'],
    ['a bearer header', 'headers: { authorization: "Bearer abc.def-123_XYZ" }', 'headers: { authorization: "[redacted] [redacted]" }'],
    ['a bare bearer token', 'sent Bearer 0123456789abcdef to HA', 'sent Bearer [redacted] to HA'],
    ['a basic header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: [redacted] [redacted]'],
    ['a Home Assistant long-lived token', `token was ${HA_TOKEN}.`, `token was ${REDACTED}.`],
    ['URL credentials', 'GET http://me:hunter22@ha.local:8123/api/', `GET http://${REDACTED}@ha.local:8123/api/`],
    ['a token in a query', 'ws://ha.local/api/websocket?access_token=abc123xyz&x=1', 'ws://ha.local/api/websocket?access_token=[redacted]&x=1'],
    ['an inspected object', "{ name: 'x', password: 'pa55word', apiKey: 'k-1234567' }", "{ name: 'x', password: '[redacted]', apiKey: '[redacted]' }"],
    ['JSON', '{"api_key":"zzz999","client_secret": "qqq"}', '{"api_key":"[redacted]","client_secret": "[redacted]"}'],
  ])('takes out %s', (_label, input, expected) => {
    expect(redactPatterns(input)).toBe(expected);
  });

  it('leaves ordinary lines alone', () => {
    for (const line of [
      'run r-1 failed "The model answered 429: slow down"',
      'a global hotkey is not registered { action: "voice", accelerator: "CommandOrControl+Shift+Space" }',
      'The saved Home Assistant token was not tested with http://ha.local:8123, so FROK did not send it there.',
      'task-force risk-assessment basic settings',
      '{"homeAssistantToken": {"set": true}, "maxTurns": 10}',
    ]) {
      expect(redactPatterns(line)).toBe(line);
    }
  });
});

describe('createRedactor', () => {
  it('takes out the secrets it was told of, wherever they appear, and keeps earlier values known', () => {
    const r = createRedactor();
    r.setSecret('homeAssistantToken', 'plain-token-without-shape-1234');
    r.setSecret('compatibleApiKey', 'local_KEY_5678');
    expect(r.redact('got plain-token-without-shape-1234 and local_KEY_5678!')).toBe('got [redacted] and [redacted]!');
    // Replaced and then removed: lines written before still hold the old values.
    r.setSecret('compatibleApiKey', 'local_KEY_9999');
    r.setSecret('compatibleApiKey', null);
    expect(r.redact('local_KEY_5678 local_KEY_9999')).toBe('[redacted] [redacted]');
  });

  it('replaces a value containing another whole, escapes regex characters, and ignores values too short to be secrets', () => {
    const r = createRedactor();
    r.setSecret('a', 'abcd1234');
    r.setSecret('b', 'xxabcd1234yy');
    r.setSecret('c', 'a+b(c)*?');
    r.setSecret('d', 'ab');
    expect(r.redact('xxabcd1234yy abcd1234 a+b(c)*? ab')).toBe('[redacted] [redacted] [redacted] ab');
  });
});

describe('the redacting logger', () => {
  function sink(): LineSink & { lines: string[] } {
    const lines: string[] = [];
    return { lines, info: (l) => lines.push(`info ${l}`), warn: (l) => lines.push(`warn ${l}`), error: (l) => lines.push(`error ${l}`) };
  }

  it('formats message and details into one line, redacts it, and remembers warnings and errors', () => {
    const r = createRedactor();
    r.setSecret('openaiApiKey', 'known-secret-value-42');
    const out = sink();
    const recent = new RecentProblems(5);
    const log = createRedactingLogger({ sink: out, redact: (t) => r.redact(t), recent, now: () => new Date('2026-01-02T03:04:05Z') });
    log.info('checked an API key', { outcome: 'valid', key: 'known-secret-value-42' });
    log.warn('request failed', new Error('401 for sk-abcdef1234567890'));
    log.error('could not store', { headers: { Authorization: `Bearer ${HA_TOKEN}` } });
    expect(out.lines[0]).toBe("info checked an API key { outcome: 'valid', key: '[redacted]' }");
    expect(out.lines.join('\n')).not.toContain('known-secret-value-42');
    expect(out.lines.join('\n')).not.toContain('abcdef1234567890');
    expect(out.lines.join('\n')).not.toContain(HA_TOKEN.slice(-20));
    expect(recent.list().map((p) => [p.level, p.at])).toEqual([
      ['warn', '2026-01-02T03:04:05.000Z'],
      ['error', '2026-01-02T03:04:05.000Z'],
    ]);
    expect(recent.list()[0]!.text).toContain('request failed Error: 401 for sk-[redacted]');
  });

  it('never throws, even when the sink does', () => {
    const log = createRedactingLogger({
      sink: { info: () => {}, warn: () => {}, error: () => { throw new Error('disk full'); } },
      redact: (t) => t,
    });
    expect(() => log.error('x', { y: 1 })).not.toThrow();
  });

  it('recordProblems passes calls through unchanged and keeps redacted warnings and errors', () => {
    const inner = createMemoryLogger();
    const recent = new RecentProblems();
    const log = recordProblems(inner, recent, redactPatterns);
    log.info('hello');
    log.warn('bad key', { key: 'sk-abcdefghijkl' });
    expect(inner.lines).toEqual([
      { level: 'info', message: 'hello', details: undefined },
      { level: 'warn', message: 'bad key', details: { key: 'sk-abcdefghijkl' } },
    ]);
    expect(recent.list().map((p) => p.text)).toEqual(["bad key { key: 'sk-[redacted]' }"]);
  });

  it('formatLogLine keeps strings as they are and inspects the rest', () => {
    expect(formatLogLine('a')).toBe('a');
    expect(formatLogLine('a', 'b')).toBe('a b');
    expect(formatLogLine('a', { b: [1, 2] })).toBe('a { b: [ 1, 2 ] }');
  });
});

describe('trackSecretValues', () => {
  it('tells the redactor each value read or written, and keeps the store as it is otherwise', async () => {
    const r = createRedactor();
    const inner = Object.assign(memorySecretStore({ openaiApiKey: 'sk-stored-key-0001' }), { fallback: 'keychain-not-answering' as const });
    const store = trackSecretValues(inner, r);
    expect(store.kind).toBe('keychain');
    expect(store.fallback).toBe('keychain-not-answering');
    expect(r.redact('sk-stored-key-0001'.replace('sk-', 'x:'))).toBe('x:stored-key-0001');
    await store.prime();
    expect(r.redact('x sk-stored-key-0001 x')).toBe('x [redacted] x');
    await store.set('homeAssistantToken', 'ha-plain-value-77');
    expect(r.redact('ha-plain-value-77')).toBe(REDACTED);
    expect(await store.get('homeAssistantToken')).toBe('ha-plain-value-77');
    await store.delete('homeAssistantToken');
    expect(inner.values.has('homeAssistantToken')).toBe(false);
  });
});

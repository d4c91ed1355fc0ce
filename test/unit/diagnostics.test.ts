/** The diagnostics text (Settings → About → Copy diagnostics): what it holds, and what it never does. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { buildDiagnostics, sanitizeSettings, sessionTypeOf, withoutUrlSecrets, type DiagnosticsInput } from '../../electron/main/diagnostics/diagnostics';
import { createRedactor } from '../../electron/main/logging/redact';

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  const redactor = createRedactor();
  redactor.setSecret('openaiApiKey', 'sk-live-secret-KEY-abcd');
  return {
    app: { name: 'FROK', version: '1.2.3', platform: 'linux', versions: { electron: '45.5.0', chrome: '140.0.1', node: '24.1.0' } },
    notices: [{ id: 'settings-moved-aside', level: 'warning', message: 'Your settings file could not be read.' }],
    os: 'Linux 6.8.0 (x64)',
    sessionType: 'wayland',
    secretStorage: 'keychain',
    secretsSet: { openaiApiKey: true, compatibleApiKey: false, homeAssistantToken: true },
    settings: { ...DEFAULT_SETTINGS, homeAssistant: { url: 'http://user:pw@ha.local:8123/?token=abc#x' } },
    problems: [
      { at: '2026-01-01T00:00:00.000Z', level: 'warn', text: 'Home Assistant MCP request failed { cause: "ECONNREFUSED" }' },
      { at: '2026-01-01T00:00:01.000Z', level: 'error', text: 'handler failed Error: boom\n    at x (y.js:1:1)' },
    ],
    generatedAt: new Date('2026-01-01T00:00:02Z'),
    redact: (t) => redactor.redact(t),
    ...overrides,
  };
}

describe('buildDiagnostics', () => {
  it('has the versions, platform, session, storage, which secrets are set, the settings and the recent problems', () => {
    const text = buildDiagnostics(input());
    for (const part of [
      'FROK diagnostics',
      'Generated: 2026-01-01T00:00:02.000Z',
      'App version: 1.2.3',
      'Electron: 45.5.0',
      'Chrome: 140.0.1',
      'Node: 24.1.0',
      'Platform: linux',
      'OS: Linux 6.8.0 (x64)',
      'Desktop session: wayland',
      'Secret storage: keychain',
      'OpenAI API key is set',
      'OpenAI-compatible server key is not set',
      'Home Assistant token is set',
      '[warning] settings-moved-aside: Your settings file could not be read.',
      '"defaultPattern": "hybrid"',
      'Recent warnings and errors (2, oldest first):',
      '2026-01-01T00:00:00.000Z [warn] Home Assistant MCP request failed',
      '[error] handler failed Error: boom\n        at x (y.js:1:1)',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('"url": "http://ha.local:8123/"');
    expect(text).not.toMatch(/user|pw@|token=abc|#x/);
  });

  it('the settings part is the whole settings object, addresses stripped', () => {
    const text = buildDiagnostics(input());
    const json = text.slice(text.indexOf('Settings:\n') + 'Settings:\n'.length, text.indexOf('\n\nRecent warnings'));
    expect(JSON.parse(json)).toEqual({ ...DEFAULT_SETTINGS, homeAssistant: { url: 'http://ha.local:8123/' } });
  });

  it('never holds a known secret or a secret-shaped value, even if one slipped into a problem line', () => {
    const text = buildDiagnostics(
      input({
        problems: [{ at: '2026-01-01T00:00:00.000Z', level: 'error', text: 'leaked sk-live-secret-KEY-abcd and Bearer abcdefgh12345678' }],
        settings: { ...DEFAULT_SETTINGS, provider: { kind: 'openai-compatible', baseUrl: 'https://me:pass@llm.local/v1?api_key=zzz' } },
      }),
    );
    expect(text).not.toContain('sk-live-secret-KEY-abcd');
    expect(text).not.toContain('abcdefgh12345678');
    expect(text).not.toContain('pass@');
    expect(text).not.toContain('zzz');
    expect(text).toContain('"baseUrl": "https://llm.local/v1"');
  });

  it('says so when there is nothing to report, and n/a for versions outside Electron', () => {
    const text = buildDiagnostics(input({ problems: [], notices: [], sessionType: null, app: { name: 'FROK', version: '0.0.0', platform: 'darwin', versions: { electron: null, chrome: null, node: '24' } } }));
    expect(text).toContain('Electron: n/a');
    expect(text).toContain('Desktop session: n/a');
    expect(text).toContain('Recent warnings and errors (0, oldest first):\n  (none)');
    expect(text).toContain('Notices:\n  (none)');
  });
});

describe('pieces', () => {
  it('withoutUrlSecrets drops credentials, query and fragment', () => {
    expect(withoutUrlSecrets(null)).toBeNull();
    expect(withoutUrlSecrets('https://a:b@h.example:8123/p?q=1#f')).toBe('https://h.example:8123/p');
    expect(withoutUrlSecrets('http://homeassistant.local:8123')).toBe('http://homeassistant.local:8123/');
    expect(withoutUrlSecrets('not a url')).toBe('[not a valid address]');
  });

  it('sanitizeSettings changes nothing else', () => {
    expect(sanitizeSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('sessionTypeOf reads XDG_SESSION_TYPE, then the display variables; null off Linux', () => {
    expect(sessionTypeOf('linux', { XDG_SESSION_TYPE: 'Wayland' })).toBe('wayland');
    expect(sessionTypeOf('linux', { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' })).toBe('x11');
    expect(sessionTypeOf('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('wayland');
    expect(sessionTypeOf('linux', { DISPLAY: ':0' })).toBe('x11');
    expect(sessionTypeOf('linux', {})).toBe('unknown');
    expect(sessionTypeOf('darwin', { XDG_SESSION_TYPE: 'wayland' })).toBeNull();
  });
});

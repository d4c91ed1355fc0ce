/**
 * The words Activity, the API-key form and Settings → Tools build outside their components
 * follow the window's language: German reads German (with German number formats), and
 * switching back gives today's English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../renderer/src/i18n';
import { describeToolCall, formatCost, formatDuration, formatTokens } from '../../renderer/src/activity/format';
import { specialistName } from '../../renderer/src/activity/specialist-label';
import { formatMoney, formatPeriod, formatRunCount, formatTokenCount } from '../../renderer/src/activity/totals-model';
import { checkKeyForm } from '../../renderer/src/key-form';
import { addServersLabel, approvalChoices, checkDraft, describeStatus, describeTarget, emptyDraft } from '../../renderer/src/screens/settings/tools/tools-model';

async function inGerman(): Promise<void> {
  await i18next.changeLanguage('de');
}

afterEach(async () => {
  await i18next.changeLanguage('en');
});

describe('Activity words', () => {
  it('reads German with German numbers and money', async () => {
    await inGerman();
    expect(formatDuration(2400)).toBe('2,4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatTokens(1234)).toBe('1.234 Tokens');
    expect(formatTokens(1)).toBe('1 Token');
    expect(formatCost(0.0011675)).toMatch(/^0,0012\s\$$/u);
    expect(formatCost(0.00001)).toMatch(/^<0,0001\s\$$/u);
    expect(formatMoney(null)).toBe('Preis unbekannt');
    expect(formatMoney(12.5)).toMatch(/^12,50\s\$$/u);
    expect(formatTokenCount(2000)).toBe('2.000 Tokens');
    expect(formatRunCount(1)).toBe('1 Lauf');
    expect(formatRunCount(3)).toBe('3 Läufe');
    expect(formatPeriod('2025-03')).toBe('März 2025');
    expect(specialistName('memory', null)).toBe('Memory-Spezialist');
    expect(describeToolCall('HassTurnOn', '{"name":"Lamp","area":"Küche"}')).toBe('HassTurnOn · Lamp · Raum: Küche');
  });

  it('keeps the English wording', () => {
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatCost(12.5)).toBe('$12.50');
    expect(formatRunCount(1)).toBe('1 run');
    expect(formatRunCount(2)).toBe('2 runs');
    expect(specialistName('memory', null)).toBe('Memory specialist');
    expect(describeToolCall('HassTurnOn', '{"name":"Lamp","area":"Kitchen","floor":"Ground"}')).toBe('HassTurnOn · Lamp · in Kitchen · on Ground');
  });
});

describe('API-key form words', () => {
  it('says what to fix in German', async () => {
    await inGerman();
    expect(checkKeyForm({ kind: 'openai', baseUrl: '', key: '' })?.message).toBe('Füge deinen OpenAI-API-Schlüssel ein. Er beginnt mit „sk-“.');
    expect(checkKeyForm({ kind: 'openai-compatible', baseUrl: 'localhost', key: '' })?.message).toMatch(/^„localhost“ ist keine vollständige Webadresse\. .*http:\/\/localhost:11434\/v1/u);
  });
});

describe('Settings → Tools words', () => {
  it('reads German: states, choices, checks, plurals', async () => {
    await inGerman();
    expect(describeStatus({ state: 'connected', message: null, tools: [{}] as never }).text).toBe('Verbunden · 1 Werkzeug');
    expect(describeStatus({ state: 'connected', message: null, tools: [{}, {}] as never }).text).toBe('Verbunden · 2 Werkzeuge');
    expect(describeStatus({ state: 'failed', message: null, tools: [] }).text).toBe('Fehlgeschlagen: Der Server hat ohne Angabe eines Grundes aufgehört.');
    expect(approvalChoices().map((c) => c.label)).toEqual(['Immer fragen', 'Fragen, außer das Werkzeug gibt an, nur zu lesen', 'Nie fragen']);
    expect(addServersLabel(1)).toBe('1 Server hinzufügen');
    const check = checkDraft({ ...emptyDraft('local'), callTimeoutSeconds: '0' }, []);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors.name).toMatch(/^Gib dem Server einen Namen/u);
      expect(check.errors.callTimeoutSeconds).toBe('Gib eine ganze Zahl an Sekunden von 1 bis 3600 ein.');
    }
    const shell = checkDraft({ ...emptyDraft('local'), name: 'X', command: 'npx', argsMode: 'shell', argsText: "'oops" }, []);
    expect(!shell.ok && shell.errors.args).toBe('Ein einfaches Anführungszeichen (\') ist nicht geschlossen. Schließe es oder gib stattdessen ein Argument pro Zeile ein.');
  });

  it('switches back to English at once', async () => {
    await inGerman();
    await i18next.changeLanguage('en');
    expect(approvalChoices()[0]!.label).toBe('Always ask');
    expect(addServersLabel(2)).toBe('Add 2 servers');
    const config = { target: { transport: 'sse', url: 'https://x.example/sse', headers: {}, secretHeaders: [], bearerToken: false, oauthClientId: null } } as never;
    expect(describeTarget(config)).toBe('Remote (legacy SSE): https://x.example/sse');
  });
});

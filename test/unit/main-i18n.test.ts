/**
 * What main says to a person follows their language: German when it is German, and in
 * English exactly the words FROK has always used (other tests and people's habits rely on them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerConfig } from '@shared/mcp';
import { DEFAULT_SETTINGS } from '@shared/settings';
import { explainRunError } from '../../electron/main/agents/model-errors';
import { createEventBus } from '../../electron/main/events';
import { mainLanguage, setMainLanguage } from '../../electron/main/i18n';
import { createMemoryLogger } from '../../electron/main/logger';
import { classifyHomeFailure } from '../../electron/main/services/home/home-errors';
import { McpServerManager } from '../../electron/main/services/mcp/mcp-server-manager';
import { SettingsService } from '../../electron/main/services/settings/settings-service';
import type { SettingsStorage } from '../../electron/main/services/settings/settings-storage';
import { appMenuTemplate } from '../../electron/main/shell/app-menu';
import { buildTrayMenuTemplate } from '../../electron/main/desktop/tray/tray-menu';
import { memorySecretStore } from '../support/node-services';

const dirs: string[] = [];
afterEach(() => {
  setMainLanguage('en');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memoryStorage(): SettingsStorage {
  let data: unknown = structuredClone(DEFAULT_SETTINGS);
  return {
    path: '/tmp/frok-settings.json',
    read: () => ({ kind: 'ok', data }),
    write: (next) => void (data = structuredClone(next)),
    moveAside: () => '/tmp/frok-settings.corrupt.json',
  };
}

function invalidSettingMessage(): string {
  const settings = new SettingsService(memoryStorage(), createMemoryLogger());
  try {
    settings.update({ agents: { maxTurns: 0 } });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the invalid setting was saved');
}

const noCredit = () => explainRunError(Object.assign(new Error('429'), { status: 429, code: 'insufficient_quota' }), { providerName: 'OpenAI', model: 'gpt-5' });

const homeRefused = () =>
  classifyHomeFailure(new Error('fetch failed'), { statuses: [], networkErrors: [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })] }, 'http://homeassistant.local:8123', 5_000);

async function mcpStartFailure(): Promise<string | null> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frok-main-i18n-'));
  dirs.push(dataDir);
  const mcp = new McpServerManager({ dataDir, secretStore: memorySecretStore(), events: createEventBus(), log: createMemoryLogger() });
  try {
    const config: McpServerConfig = {
      id: 'missing',
      name: 'Missing',
      enabled: true,
      startAtLaunch: false,
      target: { transport: 'stdio', command: 'frok-no-such-command-xyz', args: [], cwd: null, env: {}, secretEnv: [] },
      approval: 'unless-read-only',
      toolApprovals: {},
      disabledTools: [],
      callTimeoutSeconds: 60,
    };
    const view = await mcp.save(config);
    await mcp.approveCommand('missing', view.commandLine!);
    return (await mcp.test('missing')).message;
  } finally {
    await mcp.dispose();
  }
}

describe("main's words in the person's language", () => {
  it('starts in English', () => {
    expect(mainLanguage()).toBe('en');
  });

  it('a refused setting says why, in English as before and in German', () => {
    expect(invalidSettingMessage()).toMatch(/^That setting was not saved: agents\.maxTurns: Too small/);
    setMainLanguage('de');
    expect(invalidSettingMessage()).toMatch(/^Diese Einstellung wurde nicht gespeichert: agents\.maxTurns: Zu klein/);
  });

  it('an account without credit is told so', () => {
    expect(noCredit()).toMatchObject({
      code: 'model_no_credit',
      message:
        "Your OpenAI account has no credit left, so OpenAI refused the request. Add credit on OpenAI's Billing page, then try again. (API use is paid separately from a ChatGPT subscription.)",
    });
    setMainLanguage('de');
    expect(noCredit()).toMatchObject({ code: 'model_no_credit', message: expect.stringMatching(/^Dein OpenAI-Konto hat kein Guthaben mehr/) });
  });

  it('a Home Assistant that does not answer', () => {
    expect(homeRefused()).toMatchObject({
      code: 'home_unavailable',
      message:
        'Home Assistant at http://homeassistant.local:8123 is not answering (connection refused: nothing is listening there). Check that it is running and reachable from this computer, then try again.',
    });
    setMainLanguage('de');
    expect(homeRefused().message).toBe(
      'Home Assistant unter http://homeassistant.local:8123 antwortet nicht (Verbindung abgelehnt: Dort lauscht nichts). Prüf, ob es läuft und von diesem Computer aus erreichbar ist, und versuch es dann noch einmal.',
    );
  });

  it('a tool server that fails to start', async () => {
    expect(await mcpStartFailure()).toBe(
      'The command `frok-no-such-command-xyz` was not found. Check the command in Settings → Tools (it must be installed and on the PATH, or given with its full path).',
    );
    setMainLanguage('de');
    expect(await mcpStartFailure()).toBe(
      'Der Befehl `frok-no-such-command-xyz` wurde nicht gefunden. Prüf den Befehl in Einstellungen → Werkzeuge (er muss installiert und im PATH sein oder mit vollem Pfad angegeben werden).',
    );
  });

  it('the menus are rebuilt in the language', () => {
    const options = { platform: 'linux', packaged: true, hotkeys: { voice: 'CommandOrControl+Shift+Space', quickAsk: 'CommandOrControl+Shift+K' }, actions: {} as never };
    expect(appMenuTemplate(options).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const tray = () => buildTrayMenuTemplate({ voiceRunning: false, hotkeysPaused: false, hotkeys: [] }).flatMap((i) => ('label' in i ? [i.label] : []));
    expect(tray()).toEqual(['Quick ask…', 'Start voice', 'Open FROK', 'Settings…', 'Pause hotkeys', 'Quit FROK']);
    setMainLanguage('de');
    expect(appMenuTemplate(options).map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster', 'Hilfe']);
    expect(appMenuTemplate(options).find((m) => m.label === 'Bearbeiten')!.submenu!.find((i) => i.role === 'copy')!.label).toBe('Kopieren');
    expect(tray()).toEqual(['Schnellfrage …', 'Sprachsitzung starten', 'FROK öffnen', 'Einstellungen …', 'Tastenkürzel pausieren', 'FROK beenden']);
  });
});

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '@shared/settings';
import { UserFacingError } from '../../electron/main/errors';
import { createMemoryLogger } from '../../electron/main/logger';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { SettingsService } from '../../electron/main/services/settings/settings-service';
import { openConfSettingsStorage, type SettingsStorage } from '../../electron/main/services/settings/settings-storage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const settingsPath = () => join(dir, 'settings.json');
const open = () => new SettingsService(openConfSettingsStorage(dir, createNodeConfStore), createMemoryLogger());
const onDisk = () => JSON.parse(readFileSync(settingsPath(), 'utf8')) as unknown;
const asideFiles = () => readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-'));

describe('first run', () => {
  it('starts with the defaults and writes them to settings.json', () => {
    const service = open();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
    expect(service.notices).toEqual([]);
  });

  it('writes a file the real conf package reads back', () => {
    open().update({ voice: { voice: 'coral' } });
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'frok' });
    expect(conf.path).toBe(settingsPath());
    expect((conf.store.voice as Settings['voice']).voice).toBe('coral');
  });
});

describe('a file that cannot be used', () => {
  it('moves corrupt JSON aside byte for byte, starts from defaults and says where the old file is', () => {
    const original = '{"version": 1, "voice": {"voice": "ash",';
    writeFileSync(settingsPath(), original);
    const service = open();

    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
    const [aside] = asideFiles();
    expect(aside).toMatch(/^settings\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/);
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe(original);
    expect(service.notices).toHaveLength(1);
    expect(service.notices[0]!.level).toBe('warning');
    expect(service.notices[0]!.message).toContain('could not be read');
    expect(service.notices[0]!.message).toContain(join(dir, aside!));
  });

  it('moves aside a file that parses but breaks the schema', () => {
    const bad = { ...DEFAULT_SETTINGS, voice: { ...DEFAULT_SETTINGS.voice, voice: 'robot' } };
    writeFileSync(settingsPath(), JSON.stringify(bad));
    const service = open();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(asideFiles()).toHaveLength(1);
    expect(service.notices[0]!.message).toContain('voice.voice');
  });

  it('moves aside a file written by a newer FROK and says so', () => {
    writeFileSync(settingsPath(), JSON.stringify({ ...DEFAULT_SETTINGS, version: SETTINGS_VERSION + 1 }));
    const service = open();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(asideFiles()).toHaveLength(1);
    expect(service.notices[0]!.message).toContain('newer version of FROK');
  });

  it('keeps every damaged file when it happens more than once', () => {
    writeFileSync(settingsPath(), 'not json');
    open();
    writeFileSync(settingsPath(), 'still not json');
    open();
    const kept = asideFiles().map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(kept.sort()).toEqual(['not json', 'still not json']);
  });
});

describe('migration', () => {
  it('turns the seed app’s flat v0 config into v1, keeping what maps and defaulting the rest', () => {
    writeFileSync(
      settingsPath(),
      JSON.stringify({ voice: 'shimmer', turnDetection: 'none', enableSpecialistTools: false, openaiBaseUrl: 'http://localhost:11434/v1' }),
    );
    const service = open();
    const expected: Settings = {
      ...DEFAULT_SETTINGS,
      provider: { kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' },
      voice: { ...DEFAULT_SETTINGS.voice, voice: 'shimmer', turnTaking: 'push-to-talk', enableSpecialistTools: false },
    };
    expect(service.get()).toEqual(expected);
    expect(onDisk()).toEqual(expected);
    expect(service.notices).toEqual([]);
    expect(asideFiles()).toEqual([]);
  });
});

describe('update', () => {
  it('merges one field, persists it and keeps it after re-opening', () => {
    const updated = open().update({ voice: { serverVad: { threshold: 0.8 } }, onboarded: true });
    expect(updated.voice.serverVad).toEqual({ threshold: 0.8, silenceDurationMs: 500 });
    expect(updated.voice.voice).toBe(DEFAULT_SETTINGS.voice.voice);

    const reopened = open();
    expect(reopened.get()).toEqual(updated);
    expect(reopened.get().onboarded).toBe(true);
  });

  it('refuses an invalid value and changes nothing in memory or on disk', () => {
    const service = open();
    service.update({ voice: { voice: 'ash' } });
    const before = readFileSync(settingsPath(), 'utf8');

    const attempt = () => service.update({ voice: { voice: 'nope' as never }, onboarded: true });
    expect(attempt).toThrow(UserFacingError);
    expect(attempt).toThrow(/That setting was not saved: voice\.voice/);
    // Valid alone, invalid as a whole: a compatible provider needs a base URL.
    expect(() => service.update({ provider: { kind: 'openai-compatible' } })).toThrow(/base URL/);

    expect(service.get().voice.voice).toBe('ash');
    expect(service.get().onboarded).toBe(false);
    expect(service.get().provider.kind).toBe('openai');
    expect(readFileSync(settingsPath(), 'utf8')).toBe(before);
  });

  it('reports a full disk in plain words and keeps the old settings, in memory and on disk', () => {
    const real = openConfSettingsStorage(dir, createNodeConfStore);
    let diskFull = false;
    const storage: SettingsStorage = {
      ...real,
      write(data) {
        if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        real.write(data);
      },
    };
    const service = new SettingsService(storage, createMemoryLogger());
    const changes: Settings[] = [];
    service.onChange((s) => changes.push(s));
    diskFull = true;

    expect(() => service.update({ launchAtLogin: true })).toThrow(
      expect.objectContaining({ code: 'settings_write_failed', message: expect.stringContaining('the disk is full') }),
    );
    expect(service.get().launchAtLogin).toBe(false);
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
    expect(changes).toEqual([]);
  });

  it('never writes over a damaged file it could not move aside', () => {
    writeFileSync(settingsPath(), '{oops');
    const real = openConfSettingsStorage(dir, createNodeConfStore);
    const storage: SettingsStorage = {
      ...real,
      moveAside() {
        throw Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
      },
    };
    const service = new SettingsService(storage, createMemoryLogger());

    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(service.notices[0]).toMatchObject({ level: 'error', message: expect.stringContaining(settingsPath()) });
    expect(() => service.update({ onboarded: true })).toThrow(expect.objectContaining({ code: 'settings_write_failed' }));
    expect(readFileSync(settingsPath(), 'utf8')).toBe('{oops');
  });

  it('hands out copies: changing one does not change the service', () => {
    const service = open();
    const copy = service.get();
    copy.voice.voice = 'echo';
    copy.agents.enabledSpecialists.pop();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('onChange', () => {
  it('fires once per real change with the new settings, and not after unsubscribing', () => {
    const service = open();
    const seen: Settings[] = [];
    const stop = service.onChange((s) => seen.push(s));

    service.update({ voice: { voice: 'verse' } });
    service.update({ voice: { voice: 'verse' } }); // no change
    expect(() => service.update({ privacy: { historyDays: 0 } })).toThrow(UserFacingError);
    service.update({ privacy: { traceExport: true } });
    stop();
    service.update({ launchAtLogin: true });

    expect(seen.map((s) => [s.voice.voice, s.privacy.traceExport])).toEqual([
      ['verse', false],
      ['verse', true],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema } from '@shared/settings';
import { NewerSettingsVersionError, migrateSettings } from '../../electron/main/services/settings/migrations';

const migrateV0 = (raw: Record<string, unknown>) => {
  const { settings, migratedFrom } = migrateSettings(raw);
  expect(migratedFrom).toBe(0);
  return SettingsSchema.parse(settings);
};

describe('migrateSettings', () => {
  it('leaves a current file alone', () => {
    expect(migrateSettings(DEFAULT_SETTINGS)).toEqual({ settings: DEFAULT_SETTINGS, migratedFrom: null });
  });

  it('reads an empty v0 file as the defaults', () => {
    expect(migrateV0({})).toEqual(DEFAULT_SETTINGS);
  });

  it('maps the seed app’s turn detection and VAD switch onto turn-taking modes', () => {
    expect(migrateV0({ turnDetection: 'aggressive' }).voice.turnTaking).toBe('aggressive');
    expect(migrateV0({ turnDetection: 'standard' }).voice.turnTaking).toBe('standard');
    expect(migrateV0({ turnDetection: 'none' }).voice.turnTaking).toBe('push-to-talk');
    expect(migrateV0({ turnDetection: 'standard', vadEnabled: false }).voice.turnTaking).toBe('push-to-talk');
  });

  it('replaces TTS-only voices with the default voice and keeps realtime ones', () => {
    for (const voice of ['fable', 'onyx', 'nova']) expect(migrateV0({ voice }).voice.voice).toBe(DEFAULT_SETTINGS.voice.voice);
    expect(migrateV0({ voice: 'alloy' }).voice.voice).toBe('alloy');
    expect(migrateV0({ voice: 'echo', transport: 'websocket' }).voice).toMatchObject({ voice: 'echo', transport: 'websocket' });
  });

  it('treats OpenAI’s own base URL as the OpenAI provider', () => {
    expect(migrateV0({ openaiBaseUrl: 'https://api.openai.com/v1/' }).provider).toEqual({ kind: 'openai', baseUrl: null });
  });

  it('carries a bad base URL over so validation reports it instead of dropping it', () => {
    const { settings } = migrateSettings({ openaiBaseUrl: 'ftp://example.com' });
    expect(SettingsSchema.safeParse(settings).success).toBe(false);
  });

  it('refuses a file from a newer FROK', () => {
    expect(() => migrateSettings({ version: SETTINGS_VERSION + 1 })).toThrow(NewerSettingsVersionError);
  });
});

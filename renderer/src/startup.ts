/** What the window needs before it can show anything, and which first screen that means. */
import type { AppInfo, SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { call } from './ipc';

export interface StartupData {
  info: AppInfo;
  settings: Settings;
  status: SecretsStatus;
}

/** The three start-up reads are independent, so they go out together. */
export async function loadStartup(): Promise<StartupData> {
  const [info, settings, status] = await Promise.all([call('app:info'), call('settings:get'), call('secrets:status')]);
  return { info, settings, status };
}

/** OpenAI itself cannot be used without a key; a compatible server (Ollama…) may need none. */
export function needsOnboarding(settings: Pick<Settings, 'onboarded' | 'provider'>, status: Pick<SecretsStatus, 'openaiApiKey'>): boolean {
  return !settings.onboarded || (settings.provider.kind === 'openai' && !status.openaiApiKey.set);
}

/** Settings → Provider & models: draft ⇄ settings patch, and what to check before saving. */
import { i18next } from './i18n';
import type { ProviderKind } from '@shared/domain';
import type { Settings, SettingsPatch } from '@shared/settings';
import { checkBaseUrl } from './key-form';

export interface ProviderDraft {
  kind: ProviderKind;
  baseUrl: string;
  textModel: string;
  realtimeModel: string;
}

export function draftFromSettings(settings: Pick<Settings, 'provider' | 'models'>): ProviderDraft {
  return {
    kind: settings.provider.kind,
    baseUrl: settings.provider.baseUrl ?? '',
    textModel: settings.models.text,
    realtimeModel: settings.models.realtime,
  };
}

export function sameDraft(a: ProviderDraft, b: ProviderDraft): boolean {
  return a.kind === b.kind && a.baseUrl === b.baseUrl && a.textModel === b.textModel && a.realtimeModel === b.realtimeModel;
}

export function checkProviderDraft(draft: ProviderDraft): string | null {
  if (draft.kind === 'openai-compatible') {
    const problem = checkBaseUrl(draft.baseUrl);
    if (problem) return problem;
  }
  if (!draft.textModel.trim()) return i18next.t('app:forms.textModelMissing');
  if (!draft.realtimeModel.trim()) return i18next.t('app:forms.realtimeModelMissing');
  return null;
}

export function patchFromDraft(draft: ProviderDraft): SettingsPatch {
  return {
    provider: { kind: draft.kind, baseUrl: draft.kind === 'openai-compatible' ? draft.baseUrl.trim() : null },
    models: { text: draft.textModel.trim(), realtime: draft.realtimeModel.trim() },
  };
}

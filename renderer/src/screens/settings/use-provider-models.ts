/**
 * The models the provider in use lists (main asks it with the stored key). Asked again when
 * the provider, its address or its key changes, and on "Try again".
 */
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../ipc';

export type ProviderModels =
  | { phase: 'loading'; models: null; error: null }
  | { phase: 'ready'; models: string[]; error: null }
  | { phase: 'failed'; models: null; error: string };

export function useProviderModels(providerKey: string): ProviderModels & { reload(): void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ProviderModels & { for: string }>({ phase: 'loading', models: null, error: null, for: '' });
  const wanted = `${providerKey}#${attempt}`;

  useEffect(() => {
    let current = true;
    call('models:list').then(
      ({ models }) => current && setState({ phase: 'ready', models, error: null, for: wanted }),
      (err: unknown) => current && setState({ phase: 'failed', models: null, error: errorMessage(err), for: wanted }),
    );
    return () => {
      current = false;
    };
  }, [wanted]);

  // An answer about another provider (or an earlier try) is not shown as this one's.
  const shown: ProviderModels = state.for === wanted ? state : { phase: 'loading', models: null, error: null };
  return { ...shown, reload: () => setAttempt((n) => n + 1) };
}

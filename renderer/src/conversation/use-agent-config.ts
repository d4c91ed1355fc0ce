import { useEffect, useState } from 'react';
import type { AgentConfig } from '@shared/agents';
import type { Settings } from '@shared/settings';
import { call, errorMessage } from '../ipc';

export type AgentConfigState =
  | { phase: 'loading'; config: null; error: null }
  | { phase: 'ready'; config: AgentConfig; error: null }
  | { phase: 'failed'; config: AgentConfig | null; error: string };

/** The settings that change what agent:config reports (patterns, who is on, who can work). */
function configKey(settings: Settings): string {
  return JSON.stringify([settings.agents, settings.provider, settings.models.text, settings.homeAssistant]);
}

/**
 * The team as main sees it: patterns, specialists, whether each can work. Read again when
 * a relevant setting changes, so "Home Assistant not set up" clears once it is set up.
 */
export function useAgentConfig(settings: Settings): AgentConfigState & { reload(): void } {
  const key = configKey(settings);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AgentConfigState>({ phase: 'loading', config: null, error: null });

  useEffect(() => {
    let current = true;
    call('agent:config').then(
      (config) => current && setState({ phase: 'ready', config, error: null }),
      (err: unknown) => current && setState((s) => ({ phase: 'failed', config: s.config, error: errorMessage(err) })),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

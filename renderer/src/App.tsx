/** Start-up, then onboarding or the shell; keeps the settings and key status every screen reads. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { ActivityProvider } from './activity/ActivityProvider';
import { ApprovalPrompt } from './activity/ApprovalPrompt';
import { LoadError } from './components/LoadError';
import { NoticeBanner } from './components/NoticeBanner';
import { Shell, type WindowRequest } from './components/Shell';
import { ConversationProvider } from './conversation/ConversationProvider';
import { focusQuestionBoxSoon } from './keyboard/question-box';
import { call, errorMessage, useFrokEvent } from './ipc';
import { Onboarding } from './screens/Onboarding';
import { loadStartup, needsOnboarding } from './startup';

type Loaded = { info: AppInfo; settings: Settings; status: SecretsStatus; view: 'onboarding' | 'shell' };
type AppState =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string; retrying: boolean }
  | ({ phase: 'ready' } & Loaded);

/**
 * Main holds events meant for this window until the page says it listens. Subscribed here,
 * at the top, so a request that arrives during start-up waits in state for the shell.
 */
function useWindowRequests(): [WindowRequest | null, (seq: number) => void] {
  const [request, setRequest] = useState<WindowRequest | null>(null);
  useFrokEvent('window:navigate', ({ screen }) => setRequest((r) => ({ seq: (r?.seq ?? 0) + 1, kind: 'navigate', screen })));
  useFrokEvent('window:openConversation', ({ conversationId }) =>
    setRequest((r) => ({ seq: (r?.seq ?? 0) + 1, kind: 'conversation', conversationId })),
  );
  // After the subscriptions above (effects run in order), so nothing main held back is missed.
  useEffect(() => {
    call('window:ready').catch(() => undefined);
  }, []);
  const handled = (seq: number) => setRequest((r) => (r?.seq === seq ? null : r));
  return [request, handled];
}

export function App() {
  const { t } = useTranslation('app');
  const [state, setState] = useState<AppState>({ phase: 'loading' });
  const [noticesDismissed, setNoticesDismissed] = useState(false);

  // Each Retry bumps the attempt, which re-runs the start-up reads.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    loadStartup()
      .then(
        ({ info, settings, status }): AppState => ({
          phase: 'ready',
          info,
          settings,
          status,
          view: needsOnboarding(settings, status) ? 'onboarding' : 'shell',
        }),
        (err: unknown): AppState => ({ phase: 'failed', message: errorMessage(err), retrying: false }),
      )
      .then((next) => {
        if (current) setState(next);
      });
    return () => {
      current = false;
    };
  }, [attempt]);

  const update = (change: Partial<Loaded>) => setState((s) => (s.phase === 'ready' ? { ...s, ...change } : s));
  const setSettings = (settings: Settings) => update({ settings });
  const setStatus = (status: SecretsStatus) => update({ status });

  useFrokEvent('settings:changed', setSettings);
  const [windowRequest, requestHandled] = useWindowRequests();

  if (state.phase === 'loading') {
    return (
      <main className="centered-screen" data-testid="loading" aria-busy="true">
        <p>{t('starting')}</p>
      </main>
    );
  }
  if (state.phase === 'failed') {
    return (
      <LoadError
        message={state.message}
        retrying={state.retrying}
        onRetry={() => {
          setState({ ...state, retrying: true });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }

  // The team's activity and the conversation live above the screens, so they keep
  // collecting (and approvals keep being asked) whichever screen is open.
  return (
    <ActivityProvider>
      {!noticesDismissed && <NoticeBanner notices={state.info.notices} onDismiss={() => setNoticesDismissed(true)} />}
      {state.view === 'onboarding' ? (
        <Onboarding
          settings={state.settings}
          status={state.status}
          onStatus={setStatus}
          onComplete={(settings) => {
            update({ settings, view: 'shell' });
            // Set up: the next thing to do is ask, so the cursor waits in the question box.
            focusQuestionBoxSoon();
          }}
        />
      ) : (
        <ConversationProvider>
          <Shell
            info={state.info}
            settings={state.settings}
            status={state.status}
            onSettings={setSettings}
            onStatus={setStatus}
            onKeyRemoved={(status) => update({ status, view: needsOnboarding(state.settings, status) ? 'onboarding' : 'shell' })}
            windowRequest={windowRequest}
            onWindowRequestHandled={requestHandled}
          />
          <ApprovalPrompt />
        </ConversationProvider>
      )}
    </ActivityProvider>
  );
}

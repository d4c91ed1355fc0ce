/** The main window once FROK is set up: a left nav and one screen at a time. */
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import type { MainScreen } from '@shared/desktop';
import type { AppInfo, SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { ActivityNavBadge } from '../activity/ActivityNavBadge';
import { useConversation } from '../conversation/ConversationProvider';
import { ActivityScreen } from '../screens/ActivityScreen';
import { ConversationScreen } from '../screens/ConversationScreen';
import { HistoryScreen } from '../screens/HistoryScreen';
import { MemoryScreen } from '../screens/MemoryScreen';
import { BudgetAlertBanner } from '../screens/settings/BudgetAlertBanner';
import { SessionsScreen } from '../screens/SessionsScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { VoiceScreen } from '../screens/VoiceScreen';

const SCREENS = [
  { id: 'conversation', label: 'Conversation' },
  { id: 'history', label: 'History' },
  { id: 'voice', label: 'Voice' },
  { id: 'memory', label: 'Memory' },
  { id: 'activity', label: 'Activity' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

/** What main asked this window to show (tray menu, notification, quick ask's "Open in FROK"); `seq` tells repeats apart. */
export type WindowRequest = { seq: number } & ({ kind: 'navigate'; screen: MainScreen } | { kind: 'conversation'; conversationId: string });

export interface ShellProps {
  info: AppInfo;
  settings: Settings;
  status: SecretsStatus;
  onSettings(settings: Settings): void;
  onStatus(status: SecretsStatus): void;
  onKeyRemoved(status: SecretsStatus): void;
  /** A screen or conversation main asked this window to show; null when there is none. */
  windowRequest?: WindowRequest | null;
  onWindowRequestHandled?(seq: number): void;
}

export function Shell(props: ShellProps) {
  const [screen, setScreen] = useState<ScreenId>('conversation');
  const [navigated, setNavigated] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const navRef = useRef<HTMLUListElement>(null);

  // After choosing a screen, move focus to its heading so screen readers announce the change.
  useEffect(() => {
    if (navigated) mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [screen, navigated]);

  function go(id: ScreenId) {
    setScreen(id);
    setNavigated(true);
  }

  // Main's requests (tray → Settings, quick ask → "Open in FROK"): show that screen or conversation.
  const { open } = useConversation();
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const { windowRequest: request, onWindowRequestHandled } = props;
  const [seenRequest, setSeenRequest] = useState<WindowRequest | null>(null);
  if (request && request !== seenRequest) {
    setSeenRequest(request);
    setScreen(request.kind === 'navigate' ? request.screen : 'conversation');
    setNavigated(true);
    setOpenProblem(null);
  }
  const loadRequested = useEffectEvent((r: WindowRequest) => {
    onWindowRequestHandled?.(r.seq);
    if (r.kind === 'conversation') void open(r.conversationId).then(setOpenProblem);
  });
  useEffect(() => {
    if (request) loadRequested(request);
  }, [request]);

  // Arrow keys move between nav items, like a list in a native sidebar; Tab still leaves the nav.
  function onNavKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = Array.from(navRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      event.key === 'ArrowDown' ? (at + 1) % buttons.length
      : event.key === 'ArrowUp' ? (at - 1 + buttons.length) % buttons.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? buttons.length - 1
      : null;
    if (to === null) return;
    event.preventDefault();
    buttons[to]?.focus();
  }

  return (
    <div className="app-shell" data-testid="app-shell">
      <nav className="sidebar" aria-label="FROK">
        <p className="brand">FROK</p>
        <ul ref={navRef} onKeyDown={onNavKeyDown}>
          {SCREENS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === s.id ? 'page' : undefined}
                onClick={() => go(s.id)}
                data-testid={`nav-${s.id}`}
              >
                {s.label}
                {s.id === 'activity' && <ActivityNavBadge />}
              </button>
            </li>
          ))}
        </ul>
        <p className="version">Version {props.info.version}</p>
      </nav>
      <main ref={mainRef} className="content">
        <BudgetAlertBanner onOpenSettings={() => go('settings')} />
        {openProblem && (
          <p className="message error" role="alert" data-testid="open-conversation-error">
            {openProblem}{' '}
            <button type="button" className="link-button" onClick={() => setOpenProblem(null)}>
              Dismiss
            </button>
          </p>
        )}
        {screen === 'conversation' && <ConversationScreen settings={props.settings} />}
        {screen === 'history' && <HistoryScreen onOpen={(id) => { setScreen('conversation'); setNavigated(true); void open(id).then(setOpenProblem); }} />}
        {screen === 'voice' && <VoiceScreen />}
        {screen === 'memory' && <MemoryScreen onOpenConversation={(id) => { setScreen('conversation'); setNavigated(true); void open(id).then(setOpenProblem); }} />}
        {screen === 'activity' && <ActivityScreen settings={props.settings} />}
        {screen === 'sessions' && <SessionsScreen />}
        {screen === 'settings' && (
          <SettingsScreen
            settings={props.settings}
            status={props.status}
            platform={props.info.platform}
            onSettings={props.onSettings}
            onStatus={props.onStatus}
            onKeyRemoved={props.onKeyRemoved}
          />
        )}
      </main>
    </div>
  );
}

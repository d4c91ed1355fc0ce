/** The main window once FROK is set up: a left nav and one screen at a time. */
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Activity, Brain, Circle, History, MessageSquare, Mic, Settings as SettingsIcon, type LucideIcon } from 'lucide-react';
import { MAIN_SCREENS, type MainScreen } from '@shared/desktop';
import type { AppInfo, SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { ActivityNavBadge } from '../activity/ActivityNavBadge';
import { onScreenRequest } from '../navigation';
import { useConversation } from '../conversation/ConversationProvider';
import { useShellShortcuts } from '../keyboard/use-shell-shortcuts';
import { ActivityScreen } from '../screens/ActivityScreen';
import { ConversationScreen } from '../screens/ConversationScreen';
import { HistoryScreen } from '../screens/HistoryScreen';
import { MemoryScreen } from '../screens/MemoryScreen';
import { BudgetAlertBanner } from '../screens/settings/BudgetAlertBanner';
import { SettingsScreen } from '../screens/SettingsScreen';
import { VoiceScreen } from '../screens/VoiceScreen';

import './Shell.css';

/** The nav lists the screens main can ask for, in that order (shared/desktop.ts). */
export type ScreenId = MainScreen;

/**
 * One icon per screen, shown beside the name (and alone when the window is narrow). Keyed
 * by name rather than typed as Record<MainScreen, …>, so a screen added to or removed from
 * MAIN_SCREENS does not break the nav: an unknown one gets a plain dot.
 */
const ICONS: Readonly<Record<string, LucideIcon>> = {
  conversation: MessageSquare,
  history: History,
  voice: Mic,
  memory: Brain,
  activity: Activity,
  settings: SettingsIcon,
};

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
  const { t } = useTranslation('shell');
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

  // Ctrl/Cmd+N, Ctrl/Cmd+L, Esc, Ctrl/Cmd+, and the same items from the application menu.
  useShellShortcuts({ platform: props.info.platform, go });

  // A link inside the window ("Couldn't reach OpenAI" → Settings → Provider): show that screen.
  useEffect(
    () =>
      onScreenRequest((id) => {
        setScreen(id);
        setNavigated(true);
      }),
    [],
  );

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
      <nav className="sidebar" aria-label={t('nav.label')} data-testid="sidebar">
        <p className="brand">
          <span className="brand-full">FROK</span>
          <span className="brand-short" aria-hidden="true">F</span>
        </p>
        <ul ref={navRef} onKeyDown={onNavKeyDown}>
          {MAIN_SCREENS.map((id) => {
            const Icon = ICONS[id] ?? Circle;
            const label = t(`screens.${id}`, { defaultValue: id });
            return (
              <li key={id}>
                {/* The name stays in the button's text (only visually hidden when the nav is narrow), so assistive tech always has it. */}
                <button
                  type="button"
                  className="nav-item"
                  aria-current={screen === id ? 'page' : undefined}
                  title={label}
                  onClick={() => go(id)}
                  data-testid={`nav-${id}`}
                >
                  <Icon className="nav-icon" aria-hidden="true" focusable="false" size={18} strokeWidth={2} />
                  <span className="nav-label" data-testid="nav-label">{label}</span>
                  {id === 'activity' && <ActivityNavBadge />}
                </button>
              </li>
            );
          })}
        </ul>
        <p className="version">{t('version', { version: props.info.version })}</p>
      </nav>
      <main ref={mainRef} className="content">
        <BudgetAlertBanner onOpenSettings={() => go('settings')} />
        {openProblem && (
          <p className="message error" role="alert" data-testid="open-conversation-error">
            {openProblem}{' '}
            <button type="button" className="link-button" onClick={() => setOpenProblem(null)}>
              {t('dismiss')}
            </button>
          </p>
        )}
        {screen === 'conversation' && <ConversationScreen settings={props.settings} />}
        {screen === 'history' && <HistoryScreen onOpen={(id) => { setScreen('conversation'); setNavigated(true); void open(id).then(setOpenProblem); }} />}
        {screen === 'voice' && <VoiceScreen />}
        {screen === 'memory' && <MemoryScreen onOpenConversation={(id) => { setScreen('conversation'); setNavigated(true); void open(id).then(setOpenProblem); }} />}
        {screen === 'activity' && <ActivityScreen settings={props.settings} />}
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

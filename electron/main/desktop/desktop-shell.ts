/**
 * FROK on the desktop, wired: global hotkeys, the tray, the quick-ask and voice HUD
 * windows, notifications and launch at login. Every decision is in a plain module next
 * to this one; this file only connects them to the Electron pieces it is handed
 * (structural types, so the smoke test's stand-in can drive it).
 */
import type { EventName } from '@shared/ipc/names';
import type { Settings } from '@shared/settings';
import type { Caller } from '../caller';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { SettingsService } from '../services/settings/settings-service';
import { callerIdFor } from '../shell/app-windows';
import type { AppPaths } from '../shell/app-paths';
import type { DesktopServices } from './desktop-services';
import type { DesktopShellPort } from './desktop-shell-port';
import { HotkeyManager, type GlobalShortcutLike } from './hotkeys/hotkey-manager';
import { isWaylandSession } from './hotkeys/wayland';
import { applyLaunchAtLogin, type LaunchAtLoginDeps } from './login/launch-at-login';
import { createNotifier, type NotificationClassLike } from './notifications/notifier';
import { closedToTrayNotification, voiceStartedNotification } from './notifications/desktop-notices';
import { runFinishedNotification, shouldNotify } from './notifications/run-notifications';
import type { LaunchRequest } from './second-launch';
import { TrayController, type Bounds, type ElectronMenuItemOptions, type TrayLike } from './tray/tray-controller';
import type { PendingWindowEvents } from './windows/pending-window-events';
import { placeHud, placeQuickAsk, type Point, type Rect } from './windows/placement';
import { HUD_SIZE, QUICK_ASK_SIZE, hudWindowOptions, popupBehaviour, quickAskWindowOptions, type PopupWindowOptions } from './windows/popup-options';
import { PopupWindow, type PopupBrowserWindow } from './windows/popup-window';
import { hideInsteadOfClosing, type ClosableWindow, type TrackedWindow } from './windows/track-window';

export type DesktopWindow = PopupBrowserWindow & TrackedWindow & ClosableWindow;

export interface ScreenLike {
  getCursorScreenPoint(): Point;
  getDisplayNearestPoint(point: Point): { workArea: Rect };
}

export interface DesktopElectron {
  platform: string;
  env: Record<string, string | undefined>;
  createWindow(options: PopupWindowOptions): DesktopWindow;
  createTray(image: string): TrayLike & { getBounds?(): Bounds };
  buildMenu(template: ElectronMenuItemOptions[]): unknown;
  globalShortcut: GlobalShortcutLike;
  screen: ScreenLike;
  Notification: NotificationClassLike;
  /** FROK's windows as the system sees them, for "is the person looking at FROK?". */
  allWindows(): { isVisible(): boolean; isFocused(): boolean }[];
  quit(): void;
}

export interface MainWindowControl {
  /** Shows (creating if needed) and focuses the main window; returns its webContents id. */
  show(): number;
  /** Hides it to the tray when it is the caller's window; returns whether it was. */
  hideIfCaller(callerId: string): boolean;
}

/**
 * What the shell uses of the composed services. Named here rather than imported from
 * compose.ts, which stands above desktop/; its Services has all three.
 */
export interface DesktopShellServices {
  events: EventBus;
  settings: SettingsService;
  desktop: DesktopServices;
}

export interface DesktopShellOptions {
  electron: DesktopElectron;
  services: DesktopShellServices;
  pending: PendingWindowEvents;
  paths: AppPaths;
  dark: boolean;
  mainWindow: MainWindowControl;
  /** Registers a new window with FROK's windows (track-window.ts). */
  track(win: DesktopWindow, kind: Caller['kind']): void;
  isQuitting(): boolean;
  launchAtLogin: Omit<LaunchAtLoginDeps, 'log' | 'platform'>;
  log: Logger;
}

export class DesktopShell {
  readonly port: DesktopShellPort;
  private readonly hotkeys: HotkeyManager;
  private readonly tray: TrayController | null;
  private readonly quickAsk: PopupWindow<DesktopWindow>;
  private readonly hud: PopupWindow<DesktopWindow>;
  private readonly stops: (() => void)[] = [];
  private appliedLaunchAtLogin: boolean | null = null;
  /** Wayland: the compositor places windows and may not keep one above others (popup-options.ts). */
  private readonly wayland: boolean;
  private readonly notify: ReturnType<typeof createNotifier>;

  constructor(private readonly o: DesktopShellOptions) {
    const { electron, services, log } = o;
    this.wayland = isWaylandSession(electron.platform, electron.env);
    this.notify = createNotifier(electron.Notification, log);
    const desktop = { wayland: this.wayland };
    const popup = (kind: 'quick-ask' | 'hud', options: PopupWindowOptions, page: AppPaths['hudPage']) =>
      new PopupWindow<DesktopWindow>({
        name: kind,
        create: () => {
          const win = electron.createWindow(options);
          hideInsteadOfClosing(win, { isQuitting: o.isQuitting });
          return win;
        },
        page,
        track: (win) => o.track(win, kind),
        hideOnBlur: popupBehaviour(kind, desktop).hideOnBlur,
        log,
      });
    this.quickAsk = popup('quick-ask', quickAskWindowOptions(o.paths.preload, o.dark, desktop), o.paths.quickAskPage);
    this.hud = popup('hud', hudWindowOptions(o.paths.preload, o.dark, desktop), o.paths.hudPage);

    this.hotkeys = new HotkeyManager({
      shortcuts: electron.globalShortcut,
      platform: electron.platform,
      wayland: this.wayland,
      actions: { voice: () => this.toggleVoice('toggle'), quickAsk: () => this.toggleQuickAsk(null) },
      onChange: (statuses) => {
        services.events.emit('hotkeys:changed', statuses);
        this.refreshTray();
      },
      log,
    });

    this.tray = this.createTray();
    const settings = services.settings.get();
    this.hotkeys.apply(settings.hotkeys);
    this.applyLaunchAtLogin(settings);

    this.stops.push(
      services.settings.onChange((next) => {
        this.hotkeys.apply(next.hotkeys);
        this.applyLaunchAtLogin(next);
        this.refreshTray();
      }),
      services.desktop.onActivityChange(() => this.refreshTray()),
      this.notifyWhenAnswered(),
      this.notifyOnBudgetAlerts(),
    );

    this.port = {
      hotkeyStatus: () => this.hotkeys.status(),
      windowReady: (caller) => o.pending.markReady(caller.id),
      closeWindow: (caller) => this.closeWindowOf(caller),
      openMain: (conversationId, caller) => {
        if (caller.kind === 'quick-ask') this.quickAsk.hide();
        this.openMain(conversationId);
      },
    };
  }

  /** A second launch of FROK asked for something (see second-launch.ts). */
  handleLaunchRequest(request: LaunchRequest): void {
    if (request === 'voice') this.toggleVoice('toggle');
    else if (request === 'quickAsk') this.toggleQuickAsk(null);
    else this.openMain(null);
  }

  /**
   * The main window was closed to the tray: the first time, one notification says FROK
   * keeps running, how to quit and where to change that.
   */
  closedToTray(): void {
    const { services, electron, log } = this.o;
    if (services.settings.get().closedToTrayNoticeShown) return;
    try {
      services.settings.update({ closedToTrayNoticeShown: true });
    } catch (err) {
      // Not saved: the notice may show again next time, which is better than never.
      log.warn('could not note that the "still running" notice was shown', err instanceof Error ? err.message : err);
    }
    this.notify({ ...closedToTrayNotification(electron.platform), onClick: () => this.openMain(null) });
  }

  /** Releases the hotkeys and removes the tray icon (on quit). */
  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.hotkeys.dispose();
    this.tray?.destroy();
  }

  // ─── Actions ──────────────────────────────────────────────────────────────────────

  openMain(conversationId: string | null): void {
    const id = this.o.mainWindow.show();
    if (conversationId) this.sendTo(callerIdFor(id), 'window:openConversation', { conversationId });
  }

  openSettings(): void {
    const id = this.o.mainWindow.show();
    this.sendTo(callerIdFor(id), 'window:navigate', { screen: 'settings' });
  }

  /** Opens quick ask by the tray icon (`trayBounds`) or under the cursor; a second press puts it away. */
  toggleQuickAsk(trayBounds: Bounds | null): void {
    const current = this.quickAsk.current();
    if (current && current.isVisible() && current.isFocused()) {
      current.hide();
      return;
    }
    if (!popupBehaviour('quick-ask', { wayland: this.wayland }).placedByFrok) {
      // An ordinary window the compositor places and focuses.
      this.quickAsk.showAt(null, { focus: true });
      return;
    }
    const { screen } = this.o.electron;
    const cursor = screen.getCursorScreenPoint();
    const anchor = trayBounds && trayBounds.width > 0 ? { x: trayBounds.x + trayBounds.width / 2, y: trayBounds.y + trayBounds.height / 2 } : cursor;
    const { workArea } = screen.getDisplayNearestPoint(anchor);
    this.quickAsk.showAt(placeQuickAsk({ trayBounds, cursor, workArea, size: QUICK_ASK_SIZE }), { focus: true });
  }

  /** Shows the voice HUD (without taking the keyboard) and tells it what to do. */
  toggleVoice(action: 'toggle' | 'start' | 'stop'): void {
    let win = this.hud.current();
    if (action === 'stop') {
      // Stopping needs no HUD on screen; the page hides itself when its session ends.
      if (win) this.sendTo(this.callerIdOf(win), 'hud:toggle', { action });
      return;
    }
    if (!win || !win.isVisible()) {
      if (popupBehaviour('hud', { wayland: this.wayland }).placedByFrok) {
        const { screen } = this.o.electron;
        const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
        win = this.hud.showAt(placeHud({ workArea, size: HUD_SIZE }), { focus: false });
      } else {
        // The HUD may open under other windows here, so a notification says voice is on
        // (the tray icon shows it too, where the desktop has a tray).
        win = this.hud.showAt(null, { focus: false });
        this.notify({ ...voiceStartedNotification(this.o.services.settings.get().hotkeys.voice, this.o.electron.platform), onClick: () => this.hud.current()?.show() });
      }
    }
    this.sendTo(this.callerIdOf(win), 'hud:toggle', { action });
  }

  // ─── Wiring ───────────────────────────────────────────────────────────────────────

  private createTray(): TrayController | null {
    const { electron, paths, services, log } = this.o;
    try {
      let tray: ReturnType<DesktopElectron['createTray']> | null = null;
      const controller = new TrayController(
        {
          createTray: (image) => (tray = electron.createTray(image)),
          buildMenu: (template) => electron.buildMenu(template),
          iconDir: paths.trayIconDir,
          platform: electron.platform,
          actions: {
            quickAsk: () => this.toggleQuickAsk(tray?.getBounds?.() ?? null),
            startVoice: () => this.toggleVoice('start'),
            stopVoice: () => this.toggleVoice('stop'),
            openMain: () => this.openMain(null),
            openSettings: () => this.openSettings(),
            togglePauseHotkeys: () => this.togglePause(),
            quit: () => electron.quit(),
          },
          onClick: (bounds) => this.toggleQuickAsk(bounds ?? tray?.getBounds?.() ?? null),
          log,
        },
        this.trayView(services.settings.get()),
      );
      return controller;
    } catch (err) {
      // Some Linux desktops have no tray; FROK still works from its window and hotkeys.
      log.warn('could not create the tray icon', err instanceof Error ? err.message : err);
      return null;
    }
  }

  private trayView(settings: Settings) {
    const activity = this.o.services.desktop.activity();
    return {
      state: activity.state,
      activeRuns: activity.activeRuns,
      menu: { voiceRunning: activity.hudVoiceRunning, hotkeysPaused: settings.hotkeys.paused, hotkeys: this.hotkeys?.status() ?? [] },
    };
  }

  private refreshTray(): void {
    this.tray?.update(this.trayView(this.o.services.settings.get()));
  }

  private togglePause(): void {
    const paused = this.o.services.settings.get().hotkeys.paused;
    try {
      this.o.services.settings.update({ hotkeys: { paused: !paused } });
    } catch (err) {
      this.o.log.warn('could not change "Pause hotkeys"', err instanceof Error ? err.message : err);
      this.refreshTray(); // Puts the checkbox back.
    }
  }

  private applyLaunchAtLogin(settings: Settings): void {
    if (this.appliedLaunchAtLogin === settings.launchAtLogin) return;
    this.appliedLaunchAtLogin = settings.launchAtLogin;
    applyLaunchAtLogin(settings.launchAtLogin, { ...this.o.launchAtLogin, platform: this.o.electron.platform, log: this.o.log });
  }

  private notifyWhenAnswered(): () => void {
    const { electron, services } = this.o;
    const notify = this.notify;
    return services.desktop.onRunFinished((run) => {
      const windows = electron.allWindows();
      const decision = shouldNotify({
        windowsVisible: windows.some((w) => w.isVisible()),
        windowFocused: windows.some((w) => w.isFocused()),
        source: run.source,
      });
      if (!decision) return;
      const conversationId = run.result.conversationId;
      notify({ ...runFinishedNotification({ source: run.source, query: run.query, response: run.result.response }), onClick: () => this.openMain(conversationId) });
    });
  }

  private notifyOnBudgetAlerts(): () => void {
    const { services } = this.o;
    const notify = this.notify;
    return services.events.subscribe(({ name, payload }) => {
      if (name !== 'budget:alert') return;
      const alert = payload as { level: 'warning' | 'exceeded'; message: string };
      notify({ title: alert.level === 'exceeded' ? 'FROK is over its monthly budget' : 'FROK is near its monthly budget', body: alert.message, onClick: () => this.openSettings() });
    });
  }

  private closeWindowOf(caller: Caller): void {
    for (const popup of [this.quickAsk, this.hud]) {
      const win = popup.current();
      if (win && this.callerIdOf(win) === caller.id) {
        win.hide();
        return;
      }
    }
    this.o.mainWindow.hideIfCaller(caller.id);
  }

  private callerIdOf(win: DesktopWindow): string {
    return callerIdFor(win.webContents.id);
  }

  private sendTo(callerId: string, name: EventName, payload: unknown): void {
    this.o.pending.send(callerId, name, payload);
  }
}

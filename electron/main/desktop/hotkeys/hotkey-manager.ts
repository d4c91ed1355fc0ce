/**
 * FROK's two global hotkeys over a globalShortcut-like object: registered from Settings,
 * re-registered when they change, paused and resumed, released on quit — and for each one
 * whether it works and, when not, why in words the person can act on.
 */
import { validateHotkeys, HOTKEY_ACTIONS, type HotkeyAction, type HotkeyStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import type { Logger } from '../../logger';

/** The slice of Electron's globalShortcut this uses. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

export interface HotkeyManagerOptions {
  shortcuts: GlobalShortcutLike;
  platform: string;
  /** Linux under Wayland: shortcuts go through the desktop's GlobalShortcuts portal, if it has one. */
  wayland: boolean;
  actions: Record<HotkeyAction, () => void>;
  /** Called with the new list whenever a registration changes. */
  onChange?: (statuses: HotkeyStatus[]) => void;
  log: Logger;
}

export const HOTKEY_REASONS = {
  paused: 'Hotkeys are paused. Turn them back on from the tray menu (Pause hotkeys) or in Settings → Hotkeys.',
  taken: 'Another app is using this shortcut. Choose a different one in Settings → Hotkeys, or free it in the other app.',
  /** The command-line switch is the fallback: a second launch with it reaches the running FROK (see second-launch.ts). */
  /** Registered through the portal: Electron reports only that it asked, not what the desktop answered. */
  waylandUnconfirmed: (commandLineSwitch: string) =>
    'Handed to your desktop’s shortcut portal, which may ask you once to allow it or let you change it in its keyboard settings. ' +
    `FROK cannot see the answer: if pressing it does nothing, add a shortcut in your desktop’s keyboard settings that runs FROK with ${commandLineSwitch}.`,
  wayland: (commandLineSwitch: string) =>
    'Your Wayland desktop did not let FROK set this shortcut: global shortcuts need the desktop’s GlobalShortcuts portal ' +
    '(KDE Plasma 5.27+, GNOME 48+, Hyprland). Until then, add a shortcut in your desktop’s keyboard settings that runs ' +
    `FROK with ${commandLineSwitch}.`,
} as const;

const SWITCH_FOR: Record<HotkeyAction, string> = { voice: '--voice', quickAsk: '--quick-ask' };

export class HotkeyManager {
  private statuses: HotkeyStatus[] = [];
  /** What this manager registered, per action, so it releases exactly those and keeps what did not change. */
  private registered = new Map<HotkeyAction, string>();
  private applied: string | null = null;

  constructor(private readonly o: HotkeyManagerOptions) {}

  status(): HotkeyStatus[] {
    return this.statuses.map((s) => ({ ...s }));
  }

  /**
   * Registers the hotkeys in `hotkeys`; does nothing when they are what is already registered.
   * A hotkey that did not change stays bound; the ones that did are all released before any
   * new one is registered, so two actions can swap keys.
   */
  apply(hotkeys: Settings['hotkeys']): HotkeyStatus[] {
    const key = JSON.stringify([hotkeys.voice, hotkeys.quickAsk, hotkeys.paused]);
    if (key === this.applied) return this.status();
    this.applied = key;

    const checks = validateHotkeys(hotkeys, this.o.platform);
    const wanted = (action: HotkeyAction): string | null => {
      const check = checks[action];
      return hotkeys.paused || !check.ok ? null : check.accelerator;
    };
    const kept = new Set(HOTKEY_ACTIONS.filter((action) => this.registered.get(action) === wanted(action) && wanted(action) !== null));
    for (const action of HOTKEY_ACTIONS) if (!kept.has(action)) this.release(action);

    const before = new Map(this.statuses.map((s) => [s.action, s]));
    this.statuses = HOTKEY_ACTIONS.map((action): HotkeyStatus => {
      const accelerator = hotkeys[action];
      if (hotkeys.paused) return { action, accelerator, registered: false, reason: HOTKEY_REASONS.paused };
      const check = checks[action];
      if (!check.ok) return { action, accelerator, registered: false, reason: `${check.reason} (Settings → Hotkeys)` };
      const previous = before.get(action);
      if (kept.has(action) && previous) return { ...previous, accelerator };
      return { action, accelerator, ...this.register(action, check.accelerator) };
    });
    for (const s of this.statuses) {
      if (!s.registered && !hotkeys.paused) this.o.log.warn('a global hotkey is not registered', { action: s.action, accelerator: s.accelerator, reason: s.reason });
    }
    this.o.onChange?.(this.status());
    return this.status();
  }

  /** Releases every hotkey (on quit). */
  dispose(): void {
    for (const action of HOTKEY_ACTIONS) this.release(action);
    this.applied = null;
    try {
      this.o.shortcuts.unregisterAll();
    } catch (err) {
      this.o.log.warn('could not release the global hotkeys', err instanceof Error ? err.message : err);
    }
  }

  private register(action: HotkeyAction, accelerator: string): { registered: boolean; reason: string | null; note?: string } {
    let ok: boolean;
    try {
      ok = this.o.shortcuts.register(accelerator, () => this.o.actions[action]());
    } catch (err) {
      // Electron throws for accelerators it cannot convert; validation should have caught those.
      const detail = err instanceof Error ? err.message : String(err);
      return { registered: false, reason: `FROK could not set ${accelerator} (${detail}). Choose a different shortcut in Settings → Hotkeys.` };
    }
    if (ok) {
      this.registered.set(action, accelerator);
      return this.o.wayland ? { registered: true, reason: null, note: HOTKEY_REASONS.waylandUnconfirmed(SWITCH_FOR[action]) } : { registered: true, reason: null };
    }
    return { registered: false, reason: this.o.wayland ? HOTKEY_REASONS.wayland(SWITCH_FOR[action]) : HOTKEY_REASONS.taken };
  }

  private release(action: HotkeyAction): void {
    const accelerator = this.registered.get(action);
    if (accelerator === undefined) return;
    this.registered.delete(action);
    try {
      this.o.shortcuts.unregister(accelerator);
    } catch (err) {
      this.o.log.warn('could not release a global hotkey', { accelerator, error: err instanceof Error ? err.message : err });
    }
  }
}

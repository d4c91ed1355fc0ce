/**
 * FROK's application menu, in place of Electron's default one (whose Reload and Toggle
 * Developer Tools must not ship, and which has no Quit on Linux). It is also how a person
 * on a desktop without a tray (GNOME on Fedora and Debian) quits FROK: File → Quit, Ctrl+Q.
 * A plain template builder, so its shape is tested without Electron.
 *
 * The keyboard shortcuts come from shared/shortcuts.ts. The main window's own ones (new
 * conversation, question box, stop, Settings) are handled by its page, which also gets
 * them first on every platform; the menu shows them, and choosing one with the mouse
 * sends the page the same action. Labels are in the person's language (main's catalogue,
 * `shell:menu.*`); index.ts builds the menu again when the language changes.
 */
import { resolveShortcuts, type ShortcutId, type WindowShortcutId } from '@shared/shortcuts';
import { tr } from '../i18n';

/** The subset of Electron's MenuItemConstructorOptions this menu uses. */
export interface AppMenuItem {
  label?: string;
  role?:
    | 'appMenu'
    | 'about'
    | 'services'
    | 'hide'
    | 'hideOthers'
    | 'unhide'
    | 'quit'
    | 'close'
    | 'undo'
    | 'redo'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'pasteAndMatchStyle'
    | 'delete'
    | 'selectAll'
    | 'reload'
    | 'forceReload'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'minimize'
    | 'zoom'
    | 'front'
    | 'window'
    | 'help';
  type?: 'separator' | 'normal';
  accelerator?: string;
  /** For global hotkeys shown as a reminder: the menu must not take the key itself. */
  registerAccelerator?: boolean;
  enabled?: boolean;
  /** Electron passes the item, the window and how it was chosen. */
  click?: (item?: unknown, window?: unknown, event?: { triggeredByAccelerator?: boolean }) => void;
  submenu?: AppMenuItem[];
}

export interface AppMenuActions {
  openSettings(): void;
  quickAsk(): void;
  startVoice(): void;
  /** The voice hotkey's own action (start, end the turn, or end): its key pressed while the menu holds it. */
  toggleVoice(): void;
  /** A main-window shortcut chosen in the menu: main shows the main window and sends it `window:shortcut`. */
  windowShortcut(id: Exclude<WindowShortcutId, 'openSettings'>): void;
  openLogsFolder(): void;
  quit(): void;
}

export interface AppMenuOptions {
  platform: string;
  /** A packaged build has no Reload or Developer Tools. */
  packaged: boolean;
  /** The global hotkeys, shown beside the items they also trigger. */
  hotkeys: { voice: string; quickAsk: string };
  /**
   * Whether the system gave FROK each global hotkey. When it did not (paused, or another
   * app has the keys), the menu takes them, so they still work while a FROK window is in front.
   */
  hotkeysRegistered?: { voice: boolean; quickAsk: boolean };
  actions: AppMenuActions;
}

const separator: AppMenuItem = { type: 'separator' };

/** The menu's words for each shortcut (Help → Keyboard Shortcuts lists them all), in the current language. */
export function shortcutMenuLabels(): Record<ShortcutId, string> {
  return {
    newConversation: tr('shell:menu.newConversation'),
    focusQuestion: tr('shell:menu.focusQuestion'),
    stopAnswer: tr('shell:menu.stopAnswer'),
    openSettings: tr('shell:menu.settings'),
    quickAsk: tr('shell:menu.quickAsk'),
    voice: tr('shell:menu.startVoice'),
  };
}

type Role = NonNullable<AppMenuItem['role']>;

/**
 * A standard role with its label in the person's language: Electron names roles in English
 * on Linux and Windows (macOS puts its own words on only some of them).
 */
function role(name: Role, extra: Omit<AppMenuItem, 'role'> = {}): AppMenuItem {
  return { role: name, label: tr(`shell:roles.${name}`), ...extra };
}

/** One menu item per shortcut, with its key and the action it runs. */
export function shortcutItems(o: AppMenuOptions): Record<ShortcutId, AppMenuItem> {
  const registered = o.hotkeysRegistered ?? { voice: true, quickAsk: true };
  const items = {} as Record<ShortcutId, AppMenuItem>;
  const labels = shortcutMenuLabels();
  for (const s of resolveShortcuts(o.hotkeys)) {
    const label = labels[s.id];
    const item: AppMenuItem = { label, accelerator: s.accelerator };
    if (s.id === 'openSettings') {
      // Registered: it opens Settings from quick ask or the HUD too (the page gets the key first).
      item.click = o.actions.openSettings;
    } else if (s.id === 'quickAsk') {
      item.registerAccelerator = !registered.quickAsk;
      item.click = o.actions.quickAsk;
    } else if (s.id === 'voice') {
      item.registerAccelerator = !registered.voice;
      // The key does what the voice hotkey does; the item itself says Start.
      item.click = (_item, _window, event) => (event?.triggeredByAccelerator ? o.actions.toggleVoice() : o.actions.startVoice());
    } else {
      const id = s.id;
      // The main window's page handles the key itself; the menu must not take it (Esc closes dialogs there).
      item.registerAccelerator = false;
      item.click = () => o.actions.windowShortcut(id);
      // macOS ignores registerAccelerator: a menu Esc could take the key from a dialog, so it is only named.
      if (o.platform === 'darwin' && s.accelerator === 'Escape') {
        delete item.accelerator;
        item.label = `${label} (Esc)`;
      }
    }
    items[s.id] = item;
  }
  return items;
}

export function appMenuTemplate(o: AppMenuOptions): AppMenuItem[] {
  const mac = o.platform === 'darwin';
  const shortcuts = shortcutItems(o);
  const settings: AppMenuItem = { ...shortcuts.openSettings, label: mac ? tr('shell:menu.settingsMac') : tr('shell:menu.settings') };
  // Ctrl+Q on Linux and Windows too: Electron's quit role gives none there.
  const quit: AppMenuItem = { label: mac ? tr('shell:menu.quitMac') : tr('shell:menu.quit'), accelerator: 'CmdOrCtrl+Q', click: o.actions.quit };
  const conversation: AppMenuItem[] = [shortcuts.newConversation, shortcuts.focusQuestion, shortcuts.stopAnswer];
  const asking: AppMenuItem[] = [shortcuts.quickAsk, shortcuts.voice];
  // The same items again, but none may take a key twice: Help's copies only show theirs.
  const listed = (Object.values(shortcuts) as AppMenuItem[]).map((item) => ({ ...item, registerAccelerator: false }));

  const menu: AppMenuItem[] = [];
  if (mac) {
    menu.push({
      label: 'FROK',
      submenu: [role('about'), separator, settings, separator, role('services'), separator, role('hide'), role('hideOthers'), role('unhide'), separator, quit],
    });
    menu.push({ label: tr('shell:menu.file'), submenu: [...conversation, separator, ...asking, separator, role('close')] });
  } else {
    menu.push({ label: tr('shell:menu.file'), submenu: [...conversation, separator, ...asking, separator, settings, separator, role('close'), quit] });
  }

  menu.push({
    label: tr('shell:menu.edit'),
    // The standard roles are what make copy and paste work in a macOS app at all.
    submenu: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac ? [role('pasteAndMatchStyle')] : []),
      role('delete'),
      separator,
      role('selectAll'),
    ],
  });

  const developer: AppMenuItem[] = o.packaged ? [] : [role('reload'), role('forceReload'), role('toggleDevTools'), separator];
  menu.push({
    label: tr('shell:menu.view'),
    submenu: [...developer, role('resetZoom'), role('zoomIn'), role('zoomOut'), separator, role('togglefullscreen')],
  });

  menu.push({
    label: tr('shell:menu.window'),
    submenu: mac ? [role('minimize'), role('zoom'), separator, role('front')] : [role('minimize'), role('close')],
    ...(mac ? { role: 'window' as const } : {}),
  });

  menu.push({
    label: tr('shell:menu.help'),
    role: 'help',
    submenu: [
      { label: tr('shell:menu.keyboardShortcuts'), submenu: [...listed, separator, { label: tr('shell:menu.allShortcuts'), click: o.actions.openSettings }] },
      { label: tr('shell:menu.openLogsFolder'), click: o.actions.openLogsFolder },
    ],
  });
  return menu;
}

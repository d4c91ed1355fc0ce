/**
 * FROK's application menu, in place of Electron's default one (whose Reload and Toggle
 * Developer Tools must not ship, and which has no Quit on Linux). It is also how a person
 * on a desktop without a tray (GNOME on Fedora and Debian) quits FROK: File → Quit, Ctrl+Q.
 * A plain template builder, so its shape is tested without Electron.
 */

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
  click?: () => void;
  submenu?: AppMenuItem[];
}

export interface AppMenuActions {
  openSettings(): void;
  quickAsk(): void;
  startVoice(): void;
  openLogsFolder(): void;
  quit(): void;
}

export interface AppMenuOptions {
  platform: string;
  /** A packaged build has no Reload or Developer Tools. */
  packaged: boolean;
  /** The global hotkeys, shown beside the items they also trigger. */
  hotkeys: { voice: string; quickAsk: string };
  actions: AppMenuActions;
}

const separator: AppMenuItem = { type: 'separator' };

export function appMenuTemplate(o: AppMenuOptions): AppMenuItem[] {
  const mac = o.platform === 'darwin';
  const settings: AppMenuItem = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: o.actions.openSettings };
  // Ctrl+Q on Linux and Windows too: Electron's quit role gives none there.
  const quit: AppMenuItem = { label: mac ? 'Quit FROK' : 'Quit', accelerator: 'CmdOrCtrl+Q', click: o.actions.quit };
  const asking: AppMenuItem[] = [
    { label: 'Quick Ask', accelerator: o.hotkeys.quickAsk, registerAccelerator: false, click: o.actions.quickAsk },
    { label: 'Start Voice', accelerator: o.hotkeys.voice, registerAccelerator: false, click: o.actions.startVoice },
  ];

  const menu: AppMenuItem[] = [];
  if (mac) {
    menu.push({
      label: 'FROK',
      submenu: [{ role: 'about' }, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, quit],
    });
    menu.push({ label: 'File', submenu: [...asking, separator, { role: 'close' }] });
  } else {
    menu.push({ label: 'File', submenu: [...asking, separator, settings, separator, { role: 'close', label: 'Close Window' }, quit] });
  }

  menu.push({
    label: 'Edit',
    // The standard roles are what make copy and paste work in a macOS app at all.
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as AppMenuItem] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  const developer: AppMenuItem[] = o.packaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  menu.push({
    label: 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  });

  menu.push({
    label: 'Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close', label: 'Close Window' }],
    ...(mac ? { role: 'window' as const } : {}),
  });

  menu.push({
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', click: o.actions.openSettings },
      { label: 'Open Logs Folder', click: o.actions.openLogsFolder },
    ],
  });
  return menu;
}

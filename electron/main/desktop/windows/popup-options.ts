/**
 * The options of FROK's two small windows: quick ask (typed questions) and the voice HUD.
 *
 * Under Wayland (Electron's default on Wayland sessions since 38) an app cannot place its
 * windows, keep them above others or read the cursor: the compositor decides. A frameless,
 * always-on-top, taskbar-less popup there opens wherever the compositor likes, may be
 * buried under the window the person was in and then cannot be found again. So on Wayland
 * both are ordinary windows: framed, in the taskbar, left for the compositor to place.
 */
import { secureWebPreferences, type SecureWebPreferences } from '../../shell/security';
import { windowBackground } from '../../shell/main-window';

export interface PopupWindowOptions {
  width: number;
  height: number;
  show: false;
  frame: boolean;
  resizable: false;
  minimizable: boolean;
  maximizable: false;
  fullscreenable: false;
  alwaysOnTop: boolean;
  skipTaskbar: boolean;
  /** A framed popup would show the app's menu bar on Linux and Windows; Alt still shows it. */
  autoHideMenuBar: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export const QUICK_ASK_SIZE = { width: 560, height: 420 } as const;
export const HUD_SIZE = { width: 380, height: 132 } as const;

/** Where FROK's popups run: only Wayland changes how they behave. */
export interface PopupDesktop {
  wayland: boolean;
}

/** How a popup is shown: placed by FROK (by the tray or cursor) or left to the compositor. */
export interface PopupBehaviour {
  placedByFrok: boolean;
  /** Quick ask behaves like a menu where FROK can keep it above others: clicking elsewhere puts it away. */
  hideOnBlur: boolean;
}

export function popupBehaviour(kind: 'quick-ask' | 'hud', desktop: PopupDesktop): PopupBehaviour {
  if (desktop.wayland) return { placedByFrok: false, hideOnBlur: false };
  return { placedByFrok: true, hideOnBlur: kind === 'quick-ask' };
}

function popupOptions(size: { width: number; height: number }, title: string, preloadPath: string, dark: boolean, desktop: PopupDesktop): PopupWindowOptions {
  const ordinary = desktop.wayland;
  return {
    ...size,
    // Shown by the hotkey or the tray, once placed.
    show: false,
    frame: ordinary,
    resizable: false,
    minimizable: ordinary,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: !ordinary,
    skipTaskbar: !ordinary,
    autoHideMenuBar: true,
    title,
    backgroundColor: windowBackground(dark),
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function quickAskWindowOptions(preloadPath: string, dark: boolean, desktop: PopupDesktop = { wayland: false }): PopupWindowOptions {
  return popupOptions(QUICK_ASK_SIZE, 'FROK — Quick ask', preloadPath, dark, desktop);
}

export function hudWindowOptions(preloadPath: string, dark: boolean, desktop: PopupDesktop = { wayland: false }): PopupWindowOptions {
  return popupOptions(HUD_SIZE, 'FROK — Voice', preloadPath, dark, desktop);
}

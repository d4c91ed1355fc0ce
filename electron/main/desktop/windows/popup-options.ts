/** The options of FROK's two small windows: quick ask (typed questions) and the voice HUD. */
import { secureWebPreferences, type SecureWebPreferences } from '../../shell/security';
import { windowBackground } from '../../shell/main-window';

export interface PopupWindowOptions {
  width: number;
  height: number;
  show: false;
  frame: false;
  resizable: false;
  minimizable: false;
  maximizable: false;
  fullscreenable: false;
  alwaysOnTop: true;
  skipTaskbar: true;
  title: string;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export const QUICK_ASK_SIZE = { width: 560, height: 420 } as const;
export const HUD_SIZE = { width: 380, height: 132 } as const;

function popupOptions(size: { width: number; height: number }, title: string, preloadPath: string, dark: boolean): PopupWindowOptions {
  return {
    ...size,
    // Shown by the hotkey or the tray, once placed.
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    title,
    backgroundColor: windowBackground(dark),
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function quickAskWindowOptions(preloadPath: string, dark: boolean): PopupWindowOptions {
  return popupOptions(QUICK_ASK_SIZE, 'FROK — Quick ask', preloadPath, dark);
}

export function hudWindowOptions(preloadPath: string, dark: boolean): PopupWindowOptions {
  return popupOptions(HUD_SIZE, 'FROK — Voice', preloadPath, dark);
}

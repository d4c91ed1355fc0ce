/**
 * Global shortcuts on Linux under Wayland: the compositor owns the keyboard, so Electron
 * can only get shortcuts through the xdg-desktop-portal GlobalShortcuts interface, and only
 * with its GlobalShortcutsPortal feature switched on before the app is ready.
 */

export function isWaylandSession(platform: string, env: Record<string, string | undefined>): boolean {
  return platform === 'linux' && (env['XDG_SESSION_TYPE'] ?? '').toLowerCase() === 'wayland';
}

/** Chromium switches to append before 'ready', as [switch, value] pairs. */
export function chromiumSwitchesFor(platform: string, env: Record<string, string | undefined>): [string, string][] {
  return isWaylandSession(platform, env) ? [['enable-features', 'GlobalShortcutsPortal']] : [];
}

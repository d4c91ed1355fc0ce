/**
 * The tray icon, its tooltip and its menu, kept in step with the state it is given.
 * Structural types stand in for Electron's Tray and Menu so this runs in plain Node.
 */
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { buildTrayMenuTemplate, type TrayAction, type TrayMenuItem, type TrayMenuState } from './tray-menu';
import { trayIconFile, trayTooltip, type TrayState } from './tray-state';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TrayLike {
  setImage(image: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: never): void;
  on(event: 'click', listener: (event: unknown, bounds?: Bounds) => void): unknown;
  destroy(): void;
}

/** An item of Electron's Menu.buildFromTemplate. */
export interface ElectronMenuItemOptions {
  id?: string;
  type: 'normal' | 'checkbox' | 'separator';
  label?: string;
  checked?: boolean;
  enabled?: boolean;
  accelerator?: string;
  /** The accelerator is shown as a reminder only: the global hotkey does the work. */
  registerAccelerator?: boolean;
  click?: () => void;
}

export interface TrayView {
  state: TrayState;
  activeRuns: number;
  menu: TrayMenuState;
}

export interface TrayControllerOptions {
  createTray(image: string): TrayLike;
  buildMenu(template: ElectronMenuItemOptions[]): unknown;
  iconDir: string;
  platform: string;
  actions: Record<TrayAction, () => void>;
  /** A left click outside macOS (where a click opens the menu): opens quick ask by the icon. */
  onClick(bounds: Bounds | undefined): void;
  log: Logger;
}

export function toElectronMenu(template: readonly TrayMenuItem[], actions: Record<TrayAction, () => void>): ElectronMenuItemOptions[] {
  return template.map((item) => {
    if (item.type === 'separator') return { type: 'separator' };
    const click = () => actions[item.id]();
    if (item.type === 'checkbox') return { id: item.id, type: 'checkbox', label: item.label, checked: item.checked, enabled: item.enabled, click };
    return {
      id: item.id,
      type: 'normal',
      label: item.label,
      enabled: item.enabled,
      ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
      click,
    };
  });
}

export class TrayController {
  private readonly tray: TrayLike;
  private shown: { image: string; tooltip: string; menu: string } | null = null;

  constructor(
    private readonly o: TrayControllerOptions,
    initial: TrayView,
  ) {
    this.tray = o.createTray(this.imageFor(initial.state));
    if (o.platform !== 'darwin') this.tray.on('click', (_event, bounds) => o.onClick(bounds));
    this.update(initial);
  }

  update(view: TrayView): void {
    const image = this.imageFor(view.state);
    const tooltip = trayTooltip(view.state, { activeRuns: view.activeRuns, hotkeysPaused: view.menu.hotkeysPaused });
    const template = buildTrayMenuTemplate(view.menu);
    const menu = JSON.stringify(template);
    try {
      if (this.shown?.image !== image) this.tray.setImage(image);
      if (this.shown?.tooltip !== tooltip) this.tray.setToolTip(tooltip);
      // Replacing an unchanged menu makes some Linux trays flicker or close it while open.
      if (this.shown?.menu !== menu) this.tray.setContextMenu(this.o.buildMenu(toElectronMenu(template, this.o.actions)) as never);
      this.shown = { image, tooltip, menu };
    } catch (err) {
      this.o.log.warn('could not update the tray icon', err instanceof Error ? err.message : err);
    }
  }

  destroy(): void {
    this.tray.destroy();
  }

  private imageFor(state: TrayState): string {
    return join(this.o.iconDir, trayIconFile(state, this.o.platform));
  }
}

/**
 * One small FROK window (quick ask or the voice HUD), created when first needed and then
 * shown, placed and hidden rather than re-created, so it opens instantly.
 */
import type { Logger } from '../../logger';
import type { Point } from './placement';

export interface PopupBrowserWindow {
  loadURL(url: string): Promise<unknown>;
  loadFile(path: string): Promise<unknown>;
  show(): void;
  showInactive(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  setPosition(x: number, y: number): void;
  on(event: 'blur' | 'closed', listener: () => void): unknown;
}

export interface PopupWindowOptions<W> {
  /** For log lines. */
  name: string;
  create(): W;
  page: { url: string } | { file: string };
  /** Registers the new window with FROK's windows (see track-window.ts). */
  track(win: W): void;
  /** Quick ask behaves like a menu: clicking elsewhere puts it away. */
  hideOnBlur: boolean;
  log: Logger;
}

export class PopupWindow<W extends PopupBrowserWindow> {
  private win: W | null = null;

  constructor(private readonly o: PopupWindowOptions<W>) {}

  /** The window if it exists (it may be hidden). */
  current(): W | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  ensure(): { win: W; created: boolean } {
    const existing = this.current();
    if (existing) return { win: existing, created: false };
    const win = this.o.create();
    this.win = win;
    this.o.track(win);
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
    if (this.o.hideOnBlur) win.on('blur', () => win.hide());
    const page = this.o.page;
    const loading = 'url' in page ? win.loadURL(page.url) : win.loadFile(page.file);
    loading.catch((err: unknown) => this.o.log.error(`the ${this.o.name} window could not load its page`, err instanceof Error ? err.message : err));
    return { win, created: true };
  }

  /**
   * `focus: false` shows it without taking the keyboard from the app the person is in.
   * A null position leaves the placing to the compositor (Wayland).
   */
  showAt(position: Point | null, options: { focus: boolean }): W {
    const { win } = this.ensure();
    if (position) win.setPosition(position.x, position.y);
    if (options.focus) {
      win.show();
      win.focus();
    } else {
      win.showInactive();
    }
    return win;
  }

  hide(): void {
    this.current()?.hide();
  }

  isVisible(): boolean {
    return this.current()?.isVisible() ?? false;
  }
}

/**
 * Where the small windows go: quick ask next to the tray icon (or under the cursor when
 * opened by hotkey), the voice HUD at the top centre of the active display. Always fully
 * inside the display's work area, whatever the layout: tray at any edge, displays left
 * of or above the primary one (negative coordinates).
 */

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Rect extends Point, Size {}

/** Space between the window and the tray, the cursor or the screen edge. */
export const PLACEMENT_GAP = 8;

export type ScreenEdge = 'top' | 'bottom' | 'left' | 'right';

/**
 * Which edge of the work area the tray sits on. The tray is usually in a panel just
 * outside the work area; when a panel overlaps it (auto-hide), the nearest edge wins.
 */
export function trayEdge(tray: Rect, workArea: Rect): ScreenEdge {
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  if (tray.y + tray.height <= workArea.y) return 'top';
  if (tray.y >= bottom) return 'bottom';
  if (tray.x + tray.width <= workArea.x) return 'left';
  if (tray.x >= right) return 'right';
  const cx = tray.x + tray.width / 2;
  const cy = tray.y + tray.height / 2;
  const distances: [ScreenEdge, number][] = [
    ['top', cy - workArea.y],
    ['bottom', bottom - cy],
    ['left', cx - workArea.x],
    ['right', right - cx],
  ];
  return distances.reduce((best, d) => (d[1] < best[1] ? d : best))[0];
}

/** Moves a window of `size` so it lies inside `area`; a window larger than the area keeps its top-left corner visible. */
export function clampInto(position: Point, size: Size, area: Rect): Point {
  const x = Math.max(area.x, Math.min(position.x, area.x + area.width - size.width));
  const y = Math.max(area.y, Math.min(position.y, area.y + area.height - size.height));
  return { x: Math.round(x), y: Math.round(y) };
}

export function placeQuickAsk(options: { trayBounds?: Rect | null; cursor: Point; workArea: Rect; size: Size }): Point {
  const { cursor, workArea, size } = options;
  // Linux trays report empty bounds: then the cursor is the best guess.
  const tray = options.trayBounds && options.trayBounds.width > 0 && options.trayBounds.height > 0 ? options.trayBounds : null;
  const gap = PLACEMENT_GAP;
  if (!tray) {
    const below = cursor.y + gap;
    const fitsBelow = below + size.height <= workArea.y + workArea.height;
    return clampInto({ x: cursor.x - size.width / 2, y: fitsBelow ? below : cursor.y - gap - size.height }, size, workArea);
  }
  const cx = tray.x + tray.width / 2;
  const cy = tray.y + tray.height / 2;
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  switch (trayEdge(tray, workArea)) {
    case 'top':
      return clampInto({ x: cx - size.width / 2, y: Math.max(workArea.y, tray.y + tray.height) + gap }, size, workArea);
    case 'bottom':
      return clampInto({ x: cx - size.width / 2, y: Math.min(bottom, tray.y) - gap - size.height }, size, workArea);
    case 'left':
      return clampInto({ x: Math.max(workArea.x, tray.x + tray.width) + gap, y: cy - size.height / 2 }, size, workArea);
    case 'right':
      return clampInto({ x: Math.min(right, tray.x) - gap - size.width, y: cy - size.height / 2 }, size, workArea);
  }
}

/** The voice HUD: top centre of the display the person is using, just below its top edge. */
export function placeHud(options: { workArea: Rect; size: Size }): Point {
  const { workArea, size } = options;
  return clampInto({ x: workArea.x + (workArea.width - size.width) / 2, y: workArea.y + 3 * PLACEMENT_GAP }, size, workArea);
}

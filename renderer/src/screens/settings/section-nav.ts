/** Settings' section list: which section is the current one while the screen scrolls. */

export interface SectionTop {
  id: string;
  /** The section's top and bottom edges, in the same coordinates as `lineY`. */
  top: number;
  bottom: number;
}

export interface CurrentSectionView {
  /** A section whose top has passed this line is being read. */
  lineY: number;
  /** The visible area: a section reaching into it is on screen. */
  viewTop: number;
  viewBottom: number;
  /** Scrolled to the end: the last sections may never reach the line. */
  atBottom: boolean;
  /** The section the person chose in the list, kept while it is on screen at the end of the page. */
  chosen: string | null;
}

/**
 * The current section: the last one whose top has passed the reading line. At the end of
 * the page, short sections at the bottom never get there, so the one the person chose is
 * kept while it is on screen — otherwise the last one counts.
 */
export function currentSectionId(sections: readonly SectionTop[], view: CurrentSectionView): string | null {
  if (sections.length === 0) return null;
  let current = sections[0]!.id;
  for (const s of sections) if (s.top <= view.lineY) current = s.id;
  if (!view.atBottom) return current;
  const onScreen = sections.filter((s) => s.top < view.viewBottom && s.bottom > view.viewTop);
  if (view.chosen && onScreen.some((s) => s.id === view.chosen)) return view.chosen;
  return sections.at(-1)!.id;
}

/** The nearest ancestor that scrolls vertically (the shell's content area), or the document. */
export function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let el = element?.parentElement ?? null; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') return el;
  }
  return null;
}

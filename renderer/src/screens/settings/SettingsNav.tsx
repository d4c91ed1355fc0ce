/**
 * The list of Settings' sections: choosing one scrolls to it and moves the keyboard focus
 * to its heading; the one being read is marked (aria-current) as the screen scrolls.
 */
import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { currentSectionId, scrollParent } from './section-nav';

export interface NavEntry {
  id: string;
  label: string;
}

export const sectionAnchorId = (id: string) => `settings-section-${id}`;

/** How far below the top of the scrolling area a section counts as being read. */
const READING_LINE_PX = 96;

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function useCurrentSection(entries: readonly NavEntry[], root: RefObject<HTMLElement | null>, chosen: RefObject<string | null>): [string | null, (id: string) => void] {
  const [current, setCurrent] = useState<string | null>(entries[0]?.id ?? null);
  const ids = entries.map((e) => e.id).join('|');
  useEffect(() => {
    const scroller = scrollParent(root.current);
    const update = () => {
      const area = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
      const tops = ids
        .split('|')
        .flatMap((id) => {
          const el = document.getElementById(sectionAnchorId(id));
          const rect = el?.getBoundingClientRect();
          return rect ? [{ id, top: rect.top, bottom: rect.bottom }] : [];
        });
      const atBottom = scroller ? scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 : window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      setCurrent(currentSectionId(tops, { lineY: area.top + READING_LINE_PX, viewTop: area.top, viewBottom: area.bottom, atBottom, chosen: chosen.current }));
    };
    update();
    const target: HTMLElement | Window = scroller ?? window;
    target.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      target.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [ids, root, chosen]);
  return [current, setCurrent];
}

export function SettingsNav({ entries }: { entries: readonly NavEntry[] }) {
  const { t } = useTranslation('settings');
  const navRef = useRef<HTMLElement>(null);
  const chosen = useRef<string | null>(null);
  const [current, setCurrent] = useCurrentSection(entries, navRef, chosen);

  // In the narrow layout the list is one row that scrolls sideways: keep the current entry in it.
  useEffect(() => {
    const list = navRef.current?.querySelector('ul');
    const link = current ? list?.querySelector<HTMLElement>(`[data-section="${current}"]`) : null;
    if (!list || !link || list.scrollWidth <= list.clientWidth) return;
    const left = link.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + link.offsetWidth > list.scrollLeft + list.clientWidth) list.scrollTo({ left: Math.max(0, left - 16) });
  }, [current]);

  function go(event: MouseEvent<HTMLAnchorElement>, id: string) {
    event.preventDefault();
    const section = document.getElementById(sectionAnchorId(id));
    if (!section) return;
    chosen.current = id;
    setCurrent(id);
    section.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
    // The keyboard continues from the section's heading, as it would after a page jump.
    const heading = section.querySelector<HTMLElement>('h2') ?? section;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }

  return (
    <nav ref={navRef} className="settings-nav" aria-label={t('nav.label')} data-testid="settings-nav">
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <a
              href={`#${sectionAnchorId(e.id)}`}
              data-section={e.id}
              aria-current={current === e.id ? 'location' : undefined}
              onClick={(event) => go(event, e.id)}
              data-testid={`settings-nav-${e.id}`}
            >
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

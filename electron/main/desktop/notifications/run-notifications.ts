/**
 * When FROK tells the person through a system notification that an answer is ready, and
 * what that notification says. Voice answers are spoken, so they never notify.
 */
import type { AskSource } from '@shared/agents';
import { tr } from '../../i18n';

export function shouldNotify(input: { windowsVisible: boolean; windowFocused: boolean; source: AskSource }): boolean {
  if (input.source === 'voice') return false;
  // A visible but unfocused window is behind other apps: the person may not see the answer.
  return !(input.windowsVisible && input.windowFocused);
}

export const NOTIFICATION_BODY_MAX = 180;

/** One line of plain text, cut at a word boundary with an ellipsis when too long. */
export function truncateForNotification(text: string, max = NOTIFICATION_BODY_MAX): string {
  const flat = text
    .replace(/```[\s\S]*?```/g, ' [code] ')
    .replace(/[*_`#>]+/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

export interface RunNotification {
  title: string;
  body: string;
}

export function runFinishedNotification(input: { source: AskSource; query: string; response: string }): RunNotification {
  const title = input.source === 'quick-ask' ? tr('shell:notices.quickAskAnswered', { query: truncateForNotification(input.query, 60) }) : tr('shell:notices.specialistsFinished');
  const body = truncateForNotification(input.response) || tr('shell:notices.answerReady');
  return { title, body };
}

/**
 * A link clicked in an answer, opened in the system's browser or mail app. The renderer
 * only offers web and mail links, but a page may be compromised, so the address is
 * checked again here before the operating system sees it.
 */
import { checkExternalLink } from '@shared/external-link';
import { UserFacingError } from '../errors';
import { type MessageKey, tr } from '../i18n';
import type { Logger } from '../logger';
import type { DesktopShellPort } from './desktop-shell-port';

export const LINK_REFUSED = 'link_refused';
export const LINK_OPEN_FAILED = 'link_open_failed';

const REFUSED: Record<Exclude<ReturnType<typeof checkExternalLink>, { ok: true }>['reason'], MessageKey> = {
  invalid: 'errors:links.invalid',
  scheme: 'errors:links.scheme',
  credentials: 'errors:links.credentials',
  'too-long': 'errors:links.tooLong',
};

export async function openLink(shell: DesktopShellPort, raw: string, log: Logger): Promise<{ ok: true }> {
  const check = checkExternalLink(raw);
  if (!check.ok) {
    // The address itself stays out of the log: it came from a conversation.
    log.warn('refused to open a link', { reason: check.reason });
    throw new UserFacingError(LINK_REFUSED, tr(REFUSED[check.reason]));
  }
  if (!shell.openExternal) throw new UserFacingError(LINK_OPEN_FAILED, tr('errors:links.noDesktop'));
  try {
    await shell.openExternal(check.url);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    log.warn('could not open a link', why);
    throw new UserFacingError(LINK_OPEN_FAILED, tr('errors:links.openFailed', { why }));
  }
  return { ok: true };
}

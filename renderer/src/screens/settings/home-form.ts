/** Settings → Specialists → Home Assistant: what is checked before FROK tries the address. */
import { i18next } from '../../i18n';

export interface HomeDraft {
  url: string;
  /** Empty = use the token FROK already keeps. */
  token: string;
}

export type HomeDraftCheck = { ok: true; url: string; token: string | null } | { ok: false; field: 'url' | 'token'; reason: string };

/** The same rule as main's settings schema: a full http:// or https:// address. */
export function checkHomeUrl(text: string): string | null {
  const t = text.trim();
  if (!t) return i18next.t('app:forms.homeUrlMissing');
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return i18next.t('app:forms.homeUrlNotFull', { address: t });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return i18next.t('app:forms.homeUrlScheme');
  return null;
}

export function checkHomeDraft(draft: HomeDraft, tokenStored: boolean): HomeDraftCheck {
  const urlProblem = checkHomeUrl(draft.url);
  if (urlProblem) return { ok: false, field: 'url', reason: urlProblem };
  const token = draft.token.trim();
  if (!token && !tokenStored) {
    return { ok: false, field: 'token', reason: i18next.t('app:forms.homeTokenMissing') };
  }
  // A trailing slash would make FROK ask for "//api/mcp".
  return { ok: true, url: draft.url.trim().replace(/\/+$/, ''), token: token || null };
}

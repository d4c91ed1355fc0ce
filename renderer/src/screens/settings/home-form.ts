/** Settings → Specialists → Home Assistant: what is checked before FROK tries the address. */

export interface HomeDraft {
  url: string;
  /** Empty = use the token FROK already keeps. */
  token: string;
}

export type HomeDraftCheck = { ok: true; url: string; token: string | null } | { ok: false; field: 'url' | 'token'; reason: string };

/** The same rule as main's settings schema: a full http:// or https:// address. */
export function checkHomeUrl(text: string): string | null {
  const t = text.trim();
  if (!t) return 'Enter the address of your Home Assistant, such as http://homeassistant.local:8123.';
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return `"${t}" is not a full address. Include http:// or https://, e.g. http://homeassistant.local:8123.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://.';
  return null;
}

export function checkHomeDraft(draft: HomeDraft, tokenStored: boolean): HomeDraftCheck {
  const urlProblem = checkHomeUrl(draft.url);
  if (urlProblem) return { ok: false, field: 'url', reason: urlProblem };
  const token = draft.token.trim();
  if (!token && !tokenStored) {
    return { ok: false, field: 'token', reason: 'Paste a long-lived access token: in Home Assistant open your profile → Security → Long-lived access tokens → Create token.' };
  }
  // A trailing slash would make FROK ask for "//api/mcp".
  return { ok: true, url: draft.url.trim().replace(/\/+$/, ''), token: token || null };
}

/**
 * A fetch that sends requests meant for OpenAI (https://api.openai.com/v1/…) to a local
 * fake instead, and everything else where it was going. The app keeps its real default
 * (provider.baseUrl = null → OpenAI), so tests walk the path a new user walks; seeding a
 * custom base URL would not survive onboarding, which saves the provider it was given.
 */
import { OPENAI_API_BASE_URL } from '../../shared/domain';

export function routeOpenAITo(baseUrl: string, inner: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  const target = baseUrl.replace(/\/+$/, '');
  const reroute = (url: string): string =>
    url === OPENAI_API_BASE_URL || url.startsWith(`${OPENAI_API_BASE_URL}/`) || url.startsWith(`${OPENAI_API_BASE_URL}?`)
      ? target + url.slice(OPENAI_API_BASE_URL.length)
      : url;

  return (input, init) => {
    if (input instanceof Request) {
      const url = reroute(input.url);
      return inner(url === input.url ? input : new Request(url, input), init);
    }
    return inner(reroute(input instanceof URL ? input.href : input), init);
  };
}

/**
 * Settings → Home: test a Home Assistant address and token before saving them, then save
 * the address in settings and the token in the keychain; or disconnect. Nothing is saved
 * unless the test passed, so a typo never replaces a working setup.
 */
import type { z } from 'zod';
import type { HomeConfigureRequestSchema, HomeConfigureResponse, HomeTestRequestSchema, HomeTestResponse } from '@shared/desktop';
import type { HomeConnectionTest } from '../../services/home/home-assistant';

export const NO_HOME_TOKEN_MESSAGE =
  'Paste a long-lived access token: in Home Assistant open your profile → Security → Long-lived access tokens → Create token.';

export interface HomeSetupDeps {
  testConnection(override: { url: string; token: string }): Promise<HomeConnectionTest>;
  /** Throws an Error whose message is written for the person when the keychain cannot be read. */
  /** Only if the stored token was tested with url's origin; otherwise throws, saying so. */
  storedToken(url: string): Promise<string | null>;
  /** Saves the token as tested with url. */
  saveToken(token: string, url: string): Promise<void>;
  clearToken(): Promise<void>;
  saveUrl(url: string | null): void;
}

export class HomeSetup {
  constructor(private readonly deps: HomeSetupDeps) {}

  async test(request: z.output<typeof HomeTestRequestSchema>): Promise<HomeTestResponse> {
    let token = request.token;
    if (token === null) {
      try {
        token = await this.deps.storedToken(request.url);
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err), entityCount: null };
      }
    }
    if (!token) return { ok: false, message: NO_HOME_TOKEN_MESSAGE, entityCount: null };
    const result = await this.deps.testConnection({ url: request.url, token });
    return result.ok ? { ok: true, message: result.message, entityCount: result.entityCount } : { ok: false, message: result.message, entityCount: null };
  }

  async configure(request: z.output<typeof HomeConfigureRequestSchema>): Promise<HomeConfigureResponse> {
    if (request.url === null) {
      this.deps.saveUrl(null);
      await this.deps.clearToken();
      return { ok: true, message: 'Disconnected from Home Assistant. Its address and token were removed from FROK.' };
    }
    const token = request.token ?? null;
    const test = await this.test({ url: request.url, token });
    if (!test.ok) return { ok: false, message: `Not saved: ${test.message}` };
    if (token) await this.deps.saveToken(token, request.url);
    this.deps.saveUrl(request.url);
    return { ok: true, message: `${test.message} Saved.` };
  }
}

/**
 * Settings → Home: test a Home Assistant address and token before saving them, then save
 * the address in settings and the token in the keychain; or disconnect. Nothing is saved
 * unless the test passed, so a typo never replaces a working setup.
 */
import type { z } from 'zod';
import type { HomeConfigureRequestSchema, HomeConfigureResponse, HomeTestRequestSchema, HomeTestResponse } from '@shared/desktop';
import type { HomeConnectionTest } from '../../services/home/home-assistant';
import { tr } from '../../i18n';

/** Where to get a token, in the person's language. */
export function noHomeTokenMessage(): string {
  return tr('errors:home.noToken');
}

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
    if (!token) return { ok: false, message: noHomeTokenMessage(), entityCount: null };
    const result = await this.deps.testConnection({ url: request.url, token });
    return result.ok ? { ok: true, message: result.message, entityCount: result.entityCount } : { ok: false, message: result.message, entityCount: null };
  }

  async configure(request: z.output<typeof HomeConfigureRequestSchema>): Promise<HomeConfigureResponse> {
    if (request.url === null) {
      this.deps.saveUrl(null);
      await this.deps.clearToken();
      return { ok: true, message: tr('errors:home.disconnected') };
    }
    const token = request.token ?? null;
    const test = await this.test({ url: request.url, token });
    if (!test.ok) return { ok: false, message: tr('errors:home.notSaved', { reason: test.message }) };
    if (token) await this.deps.saveToken(token, request.url);
    this.deps.saveUrl(request.url);
    return { ok: true, message: tr('errors:home.saved', { message: test.message }) };
  }
}

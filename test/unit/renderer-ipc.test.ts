import { describe, expect, it } from 'vitest';
import type { FrokApi } from '@shared/frok-api';
import { DEFAULT_SETTINGS } from '@shared/settings';
import { callWith, errorMessage, FrokError, TRANSPORT_ERROR_CODE } from '../../renderer/src/ipc';

function apiAnswering(answer: () => Promise<unknown>): FrokApi {
  return { invoke: (() => answer()) as FrokApi['invoke'], on: () => () => undefined };
}

describe('renderer ipc call', () => {
  it('returns data from an ok answer', async () => {
    const api = apiAnswering(async () => ({ ok: true, data: DEFAULT_SETTINGS }));
    await expect(callWith(api, 'settings:get')).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('throws the error code and message of an ok:false answer', async () => {
    const api = apiAnswering(async () => ({
      ok: false,
      error: { code: 'secret_storage_failed', message: 'The keychain is locked. Unlock it and try again.' },
    }));
    const error = await callWith(api, 'secrets:status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrokError);
    expect(error).toMatchObject({ code: 'secret_storage_failed', message: 'The keychain is locked. Unlock it and try again.' });
  });

  it('turns a rejected invoke into a transport error that says to restart', async () => {
    const api = apiAnswering(async () => {
      throw new Error('socket closed');
    });
    const error = await callWith(api, 'app:info').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: TRANSPORT_ERROR_CODE });
    expect(errorMessage(error)).toMatch(/didn't answer.*Restart FROK/);
  });

  it('treats a missing bridge or a malformed answer as a transport failure', async () => {
    await expect(callWith(undefined, 'app:info')).rejects.toMatchObject({ code: TRANSPORT_ERROR_CODE });
    await expect(callWith(apiAnswering(async () => 'nonsense'), 'app:info')).rejects.toMatchObject({
      code: TRANSPORT_ERROR_CODE,
    });
  });

  it('never shows a raw exception message to the person', () => {
    expect(errorMessage(new TypeError('x is undefined'))).not.toContain('undefined');
  });
});

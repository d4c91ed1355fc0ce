/**
 * The renderer's only way to reach main: `window.frok` (the preload in the app, a
 * WebSocket bridge in end-to-end tests). `call` turns the `{ ok, data | error }` answer
 * into a value or a thrown FrokError, so screens handle one kind of failure.
 */
import { i18next } from './i18n';
import { useEffect, useEffectEvent } from 'react';
import type { FrokApi, InvokeArgs } from '@shared/frok-api';
import type { PayloadOf, ResponseOf } from '@shared/ipc/contract';
import type { ChannelName, EventName } from '@shared/ipc/names';

/** A failure the person can be shown: `message` says what happened and what to do. */
export class FrokError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FrokError';
    this.code = code;
  }
}

export const TRANSPORT_ERROR_CODE = 'transport';
export const TRANSPORT_ERROR_MESSAGE =
  "FROK's background process didn't answer. Restart FROK; if this keeps happening, reinstall it.";

/** Calls a channel on the given API; exported separately so it can be tested without a window. */
export async function callWith<C extends ChannelName>(
  api: FrokApi | undefined,
  channel: C,
  ...args: InvokeArgs<C>
): Promise<ResponseOf<C>> {
  let result: Awaited<ReturnType<FrokApi['invoke']>> | undefined;
  try {
    if (!api) throw new Error('window.frok is missing');
    result = await api.invoke(channel, ...args);
  } catch {
    // A rejected invoke means the bridge itself failed (main crashed, socket closed), not the request.
    throw new FrokError(TRANSPORT_ERROR_CODE, TRANSPORT_ERROR_MESSAGE);
  }
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new FrokError(TRANSPORT_ERROR_CODE, TRANSPORT_ERROR_MESSAGE);
  }
  if (result.ok) return result.data as ResponseOf<C>;
  const { code, message } = result.error ?? {};
  throw new FrokError(
    typeof code === 'string' && code ? code : 'internal',
    typeof message === 'string' && message ? message : i18next.t('app:internalError'),
  );
}

function frokApi(): FrokApi | undefined {
  return typeof window === 'undefined' ? undefined : window.frok;
}

/** Invokes a channel and returns its data, or throws a FrokError. */
export function call<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ResponseOf<C>> {
  return callWith(frokApi(), channel, ...args);
}

/** Any thrown value as something a person can read; never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof FrokError) return error.message;
  return i18next.t('app:internalError');
}

/**
 * Subscribes to a main→renderer event for the component's lifetime. The listener may
 * change every render without resubscribing.
 */
export function useFrokEvent<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => {
    const api = frokApi();
    if (!api) return undefined;
    return api.on(event, (payload) => onEvent(payload));
  }, [event]);
}

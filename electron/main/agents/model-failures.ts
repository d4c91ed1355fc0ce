/**
 * Sees why a model call failed. The SDK turns a Responses stream that ends in
 * `response.failed` or `response.incomplete` into one generic error ("unsuccessful terminal
 * state"); the reason (`server_error`, `rate_limit_exceeded`, `max_output_tokens`,
 * `content_filter`) is only in the terminal event. A provider wrapped here watches each
 * model call's events and reports a failure with that reason, and with whether any text
 * had already streamed, so the person is told what happened in plain words.
 */
import type { Model, ModelProvider, ModelRequest, StreamEvent } from '@openai/agents';

/** Why a reply stopped, as its terminal event said. */
export type StreamEnding =
  | { kind: 'failed'; code: string | null; message: string | null }
  | { kind: 'incomplete'; reason: string | null };

export interface ModelFailure {
  error: unknown;
  ending: StreamEnding | null;
  /** Some of the answer had arrived before it failed. */
  partial: boolean;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The ending a raw Responses event announces, if it is a failed or incomplete terminal event. */
export function streamEndingOf(event: StreamEvent): StreamEnding | null {
  if (event.type !== 'model') return null;
  const raw = event.event as { type?: unknown; response?: { status?: unknown; error?: unknown; incomplete_details?: unknown } } | null;
  if (!raw || typeof raw !== 'object') return null;
  const response = raw.response;
  if (raw.type === 'response.failed' || response?.status === 'failed') {
    const error = (response?.error ?? null) as { code?: unknown; message?: unknown } | null;
    return { kind: 'failed', code: str(error?.code), message: str(error?.message) };
  }
  if (raw.type === 'response.incomplete' || response?.status === 'incomplete') {
    const details = (response?.incomplete_details ?? null) as { reason?: unknown } | null;
    return { kind: 'incomplete', reason: str(details?.reason) };
  }
  return null;
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown })?.name === 'AbortError';
}

function reportingModel(model: Model, onFailure: (failure: ModelFailure) => void): Model {
  return {
    get supportsPromptModelSelection() {
      return model.supportsPromptModelSelection;
    },
    ...(model.getRetryAdvice ? { getRetryAdvice: model.getRetryAdvice.bind(model) } : {}),
    async getResponse(request: ModelRequest) {
      try {
        return await model.getResponse(request);
      } catch (error) {
        if (!isAbort(error)) onFailure({ error, ending: null, partial: false });
        throw error;
      }
    },
    async *getStreamedResponse(request: ModelRequest) {
      let ending: StreamEnding | null = null;
      let partial = false;
      try {
        for await (const event of model.getStreamedResponse(request)) {
          if (event.type === 'output_text_delta' && event.delta) partial = true;
          ending = streamEndingOf(event) ?? ending;
          yield event;
        }
      } catch (error) {
        if (!isAbort(error)) onFailure({ error, ending, partial });
        throw error;
      }
    },
  };
}

/** The same models, each reporting how its calls fail. */
export function reportingModelProvider(inner: ModelProvider, onFailure: (failure: ModelFailure) => void): ModelProvider {
  return {
    async getModel(name?: string) {
      return reportingModel(await inner.getModel(name), onFailure);
    },
  };
}

// The typed conversation's rules: nothing the person typed is lost when a run fails or is
// cancelled, retries replace the failed turn, and the conversation continues until reset.
import { describe, expect, it } from 'vitest';
import type { AskResult } from '@shared/agents';
import {
  chosenSpecialists,
  conversationReducer,
  EMPTY_CONVERSATION,
  runningTurn,
  toggleSpecialist,
  type ConversationAction,
  type ConversationState,
} from '../../renderer/src/conversation/conversation-model';

const apply = (state: ConversationState, ...actions: ConversationAction[]) => actions.reduce(conversationReducer, state);
const result = (runId: string, conversationId = 'conv-1'): AskResult => ({
  runId,
  conversationId,
  response: 'Hi!',
  pattern: 'hybrid',
  specialistsAvailable: ['general'],
  specialistsUsed: ['general'],
  durationMs: 10,
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  costUsd: null,
  answeredBy: 'General specialist',
});

const typedAndSent = apply(EMPTY_CONVERSATION, { type: 'draft', text: 'What is on today?' }, { type: 'asked', runId: 'r1', question: 'What is on today?', options: {} });

describe('asking', () => {
  it('empties the box and shows the question as a running turn', () => {
    expect(typedAndSent.draft).toBe('');
    expect(runningTurn(typedAndSent)).toMatchObject({ runId: 'r1', question: 'What is on today?', status: 'running' });
  });

  it('continues the conversation the first answer started, until New conversation', () => {
    let state = apply(typedAndSent, { type: 'answered', runId: 'r1', result: result('r1') });
    expect(state.conversationId).toBe('conv-1');
    expect(runningTurn(state)).toBeNull();
    state = apply(state, { type: 'asked', runId: 'r2', question: 'And tomorrow?', options: {} }, { type: 'answered', runId: 'r2', result: result('r2', 'other') });
    expect(state.conversationId).toBe('conv-1');
    state = apply(state, { type: 'draft', text: 'half-typed' }, { type: 'new' });
    expect(state).toMatchObject({ conversationId: null, turns: [], draft: 'half-typed' });
  });
});

describe('when a run does not answer', () => {
  it('puts a failed question back into an empty box, with the error on the turn', () => {
    const state = apply(typedAndSent, { type: 'failed', runId: 'r1', error: { code: 'model_unavailable', message: 'OpenAI had a server error.' } });
    expect(state.draft).toBe('What is on today?');
    expect(state.turns[0]).toMatchObject({ status: 'failed', error: { message: 'OpenAI had a server error.' } });
  });

  it('keeps what the person typed meanwhile instead of overwriting it', () => {
    const state = apply(typedAndSent, { type: 'draft', text: 'Something else' }, { type: 'cancelled', runId: 'r1' });
    expect(state.draft).toBe('Something else');
    expect(state.turns[0]!.status).toBe('cancelled');
  });

  it('retries in place of the failed turn and empties the box it refilled', () => {
    const failed = apply(typedAndSent, { type: 'failed', runId: 'r1', error: { code: 'x', message: 'x' } });
    const retried = apply(failed, { type: 'asked', runId: 'r2', question: 'What is on today?', options: {}, replaces: 'r1' });
    expect(retried.turns.map((t) => [t.runId, t.status])).toEqual([['r2', 'running']]);
    expect(retried.draft).toBe('');
  });
});

describe('specialist picks', () => {
  it('follow Settings until the person picks, then keep the team order', () => {
    expect(chosenSpecialists(EMPTY_CONVERSATION, ['memory', 'general'])).toEqual(['memory', 'general']);
    const order = ['home', 'memory', 'research', 'code', 'general'] as const;
    expect(toggleSpecialist(['general'], 'home', order)).toEqual(['home', 'general']);
    expect(toggleSpecialist(['home', 'general'], 'home', order)).toEqual(['general']);
  });
});

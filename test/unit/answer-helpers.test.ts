// Who the answer's footer says helped, and which specialist it marks failed and why, from
// the run's activity events as the window receives them.
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { activityReducer, EMPTY_ACTIVITY } from '../../renderer/src/activity/activity-model';
import { answerHelpers, plainReason } from '../../renderer/src/conversation/answer-helpers';

function runFrom(events: ActivityEvent[]) {
  return events.reduce(activityReducer, EMPTY_ACTIVITY).runs[0]!;
}

const at = (n: number) => ({ runId: 'r1', at: 1_000 + n });

describe('answer helpers', () => {
  it('names the specialists in the order they were asked; one that failed is marked with why', () => {
    const run = runFrom([
      { ...at(0), type: 'specialist_started', spanId: 's1', specialist: 'home', input: 'lights' },
      { ...at(1), type: 'specialist_started', spanId: 's2', specialist: 'research', input: 'news' },
      { ...at(5), type: 'specialist_ended', spanId: 's1', specialist: 'home', durationMs: 5, ok: true, summary: 'Lights are on.', usage: null },
      { ...at(6), type: 'specialist_ended', spanId: 's2', specialist: 'research', durationMs: 5, ok: false, summary: 'The model took too long to answer.', usage: null },
    ]);
    expect(answerHelpers({ specialistsUsed: ['home', 'research'] }, run)).toEqual([
      { specialist: 'home', ok: true, reason: null },
      { specialist: 'research', ok: false, reason: 'The model took too long to answer.' },
    ]);
  });

  it('counts a specialist that failed once and then helped as helping', () => {
    const run = runFrom([
      { ...at(0), type: 'specialist_started', spanId: 's1', specialist: 'memory', input: 'a' },
      { ...at(1), type: 'specialist_ended', spanId: 's1', specialist: 'memory', durationMs: 1, ok: false, summary: 'boom', usage: null },
      { ...at(2), type: 'specialist_started', spanId: 's2', specialist: 'memory', input: 'a again' },
      { ...at(3), type: 'specialist_ended', spanId: 's2', specialist: 'memory', durationMs: 1, ok: true, summary: 'ok', usage: null },
    ]);
    expect(answerHelpers({ specialistsUsed: ['memory'] }, run)).toEqual([{ specialist: 'memory', ok: true, reason: null }]);
  });

  it('without the run (another window asked), everyone the result names helped', () => {
    expect(answerHelpers({ specialistsUsed: ['general'] }, null)).toEqual([{ specialist: 'general', ok: true, reason: null }]);
  });

  it('words the SDK tool error as its cause only, and keeps long causes short', () => {
    expect(plainReason('An error occurred while running the tool. Please try again. Error: Home Assistant did not answer.')).toBe('Home Assistant did not answer.');
    expect(plainReason('An error occurred while running the tool. Please try again.')).toBeNull();
    expect(plainReason('  ')).toBeNull();
    expect(plainReason('x'.repeat(500))!.length).toBe(240);
  });
});

/**
 * Holds the team's activity for the whole window, high enough that events are collected
 * while the Activity screen is closed: the Conversation screen, the Activity screen, the
 * nav indicator and the approval prompt all read this one state.
 */
import { createContext, use, useCallback, useReducer, type ReactNode } from 'react';
import type { ActivityEvent } from '@shared/agents';
import { useFrokEvent } from '../ipc';
import { activityReducer, EMPTY_ACTIVITY, forgetEndedRuns, type ActivityState } from './activity-model';

const ActivityContext = createContext<ActivityState>(EMPTY_ACTIVITY);
const ForgetContext = createContext<() => void>(() => undefined);

type Action = ActivityEvent | { type: 'forget-ended' };

function reducer(state: ActivityState, action: Action): ActivityState {
  return action.type === 'forget-ended' ? forgetEndedRuns(state) : activityReducer(state, action);
}

export function ActivityProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(reducer, EMPTY_ACTIVITY);
  useFrokEvent('agent:activity', dispatch);
  const forget = useCallback(() => dispatch({ type: 'forget-ended' }), []);
  return (
    <ForgetContext value={forget}>
      <ActivityContext value={state}>{children}</ActivityContext>
    </ForgetContext>
  );
}

export function useActivity(): ActivityState {
  return use(ActivityContext);
}

/** Drops the ended runs this window remembers (after "Delete all my data"). */
export function useForgetActivity(): () => void {
  return use(ForgetContext);
}

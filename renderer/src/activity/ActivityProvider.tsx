/**
 * Holds the team's activity for the whole window, high enough that events are collected
 * while the Activity screen is closed: the Conversation screen, the Activity screen, the
 * nav indicator and the approval prompt all read this one state.
 */
import { createContext, use, useReducer, type ReactNode } from 'react';
import { useFrokEvent } from '../ipc';
import { activityReducer, EMPTY_ACTIVITY, type ActivityState } from './activity-model';

const ActivityContext = createContext<ActivityState>(EMPTY_ACTIVITY);

export function ActivityProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(activityReducer, EMPTY_ACTIVITY);
  useFrokEvent('agent:activity', dispatch);
  return <ActivityContext value={state}>{children}</ActivityContext>;
}

export function useActivity(): ActivityState {
  return use(ActivityContext);
}

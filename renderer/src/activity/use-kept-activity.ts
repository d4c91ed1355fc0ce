/**
 * What main kept of earlier runs (`runs:list`) and their day and month totals
 * (`runs:totals`), loaded when the Activity screen opens and again whenever a run ends
 * here or the data file changes (Try again, Start fresh, Delete all).
 */
import { useEffect, useRef, useState } from 'react';
import type { UsageTotalsResponse } from '@shared/history';
import { call, errorMessage, useFrokEvent } from '../ipc';
import type { RunActivity } from './activity-model';
import { replayStoredRuns } from './stored-runs';
import { utcOffsetMinutes } from './totals-model';

/** How many kept runs the screen asks for (main keeps 30 days). */
export const KEPT_RUNS_LIMIT = 200;
/** Main keeps a run just after it ends; asking again a moment later finds it. */
const AFTER_RUN_ENDS_MS = 400;

export interface KeptActivity {
  runs: RunActivity[];
  totals: UsageTotalsResponse | null;
  /** True until the first answer. */
  loading: boolean;
  error: string | null;
}

export function useKeptActivity(endedLiveRuns: number): KeptActivity {
  const [state, setState] = useState<KeptActivity>({ runs: [], totals: null, loading: true, error: null });
  const [generation, setGeneration] = useState(0);
  const loaded = useRef(false);
  useFrokEvent('data:changed', () => setGeneration((g) => g + 1));

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const [list, totals] = await Promise.all([
          call('runs:list', { limit: KEPT_RUNS_LIMIT }),
          call('runs:totals', { utcOffsetMinutes: utcOffsetMinutes() }),
        ]);
        loaded.current = true;
        if (!cancelled) setState({ runs: replayStoredRuns(list.runs), totals, loading: false, error: null });
      } catch (err) {
        if (!cancelled) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
      }
    };
    // The first load at once; after a run ended, once main has had a moment to keep it.
    const timer = setTimeout(() => void load(), loaded.current ? AFTER_RUN_ENDS_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [endedLiveRuns, generation]);

  return state;
}

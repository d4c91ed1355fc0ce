import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while `live` is true, so running spans
 * and elapsed times grow on screen; frozen otherwise, so idle screens never re-render.
 */
export function useNow(live: boolean, intervalMs = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [live, intervalMs]);
  return now;
}

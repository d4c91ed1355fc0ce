/**
 * A form's draft of a saved setting. When the setting changes elsewhere (another window,
 * the tray), the draft follows it — unless the person has edited it here, whose typing
 * is never overwritten.
 */
import { useState, type Dispatch, type SetStateAction } from 'react';

export function useFollowedDraft<T>(saved: T, same: (a: T, b: T) => boolean = Object.is): [T, Dispatch<SetStateAction<T>>] {
  const [base, setBase] = useState(saved);
  const [draft, setDraft] = useState(saved);
  // Adjusting state while rendering (React's documented pattern) rather than in an effect.
  if (!same(base, saved)) {
    setBase(saved);
    if (same(draft, base)) setDraft(saved);
  }
  return [draft, setDraft];
}

/**
 * Hold Space to talk while the Voice screen is open. Space in a text field or a list box
 * keeps its usual meaning; on buttons it is taken over (it would otherwise click them).
 */
import { useEffect, useEffectEvent } from 'react';

function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function usePushToTalkKey(enabled: boolean, press: () => void, release: () => void): void {
  const onPress = useEffectEvent(press);
  const onRelease = useEffectEvent(release);
  useEffect(() => {
    if (!enabled) return undefined;
    const down = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || typesText(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      if (!event.repeat) onPress();
    };
    const up = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || typesText(event.target)) return;
      event.preventDefault();
      onRelease();
    };
    // Leaving the window while holding the key must not leave the microphone open.
    const blur = () => onRelease();
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
      onRelease();
    };
  }, [enabled]);
}

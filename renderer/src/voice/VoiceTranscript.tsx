/** The conversation so far, turn by turn. Not a live region: the person already hears every word. */
import { memo, useEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptTurn } from './types';

/**
 * One turn. Memoized on the turn object, which the transcript keeps while the turn does not
 * change: a new word re-renders its own row, not the whole conversation.
 */
const TurnRow = memo(function TurnRow({ turn, rowRef }: { turn: TranscriptTurn; rowRef: Ref<HTMLLIElement> | undefined }) {
  const { t } = useTranslation('voice');
  return (
    <li
      ref={rowRef}
      className={`voice-turn ${turn.role}${turn.interrupted ? ' interrupted' : ''}`}
      data-testid="voice-turn"
      data-role={turn.role}
      data-interrupted={turn.interrupted ? 'true' : 'false'}
      data-final={turn.final ? 'true' : 'false'}
    >
      <span className="voice-turn-who">{turn.role === 'user' ? t('transcript.you') : (turn.agent ?? t('transcript.frok'))}</span>
      <span className="voice-turn-text" data-testid="voice-turn-text">
        {turn.text || <span className="voice-turn-pending">…</span>}
      </span>
      {turn.interrupted && <span className="voice-turn-note">{t('transcript.interrupted')}</span>}
    </li>
  );
});

// Memoized: the Voice screen renders on every session change; this part only when its props change.
export const VoiceTranscript = memo(function VoiceTranscript({ turns, live, labelledBy }: { turns: TranscriptTurn[]; live: boolean; labelledBy?: string }) {
  const { t } = useTranslation('voice');
  const end = useRef<HTMLLIElement>(null);
  const last = turns.at(-1);
  // In a frame of its own: scrolling from the effect would force a layout right after the
  // commit, on the main thread the voice session's events are waiting for.
  useEffect(() => {
    const frame = requestAnimationFrame(() => end.current?.scrollIntoView?.({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [turns.length, last?.text]);

  const shown = turns.filter((turn) => turn.text.trim() !== '' || !turn.final);
  if (shown.length === 0) {
    return (
      <p className="hint voice-transcript-empty" data-testid="voice-transcript-empty">
        {live ? t('transcript.emptyLive') : t('transcript.emptyIdle')}
      </p>
    );
  }
  return (
    <ol
      className="voice-transcript"
      data-testid="voice-transcript"
      {...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': t('transcript.label') })}
    >
      {shown.map((turn, index) => (
        <TurnRow key={turn.key} turn={turn} rowRef={index === shown.length - 1 ? end : undefined} />
      ))}
    </ol>
  );
});

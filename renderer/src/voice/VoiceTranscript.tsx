/** The conversation so far, turn by turn. Not a live region: the person already hears every word. */
import { useEffect, useRef } from 'react';
import type { TranscriptTurn } from './types';

export function VoiceTranscript({ turns, live }: { turns: TranscriptTurn[]; live: boolean }) {
  const end = useRef<HTMLLIElement>(null);
  const last = turns.at(-1);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [turns.length, last?.text]);

  const shown = turns.filter((t) => t.text.trim() !== '' || !t.final);
  if (shown.length === 0) {
    return (
      <p className="hint voice-transcript-empty" data-testid="voice-transcript-empty">
        {live ? 'Say something — what you and FROK say appears here.' : 'Press Start and talk to FROK. The conversation appears here.'}
      </p>
    );
  }
  return (
    <ol className="voice-transcript" data-testid="voice-transcript" aria-label="Conversation">
      {shown.map((turn, index) => (
        <li
          key={turn.key}
          ref={index === shown.length - 1 ? end : undefined}
          className={`voice-turn ${turn.role}${turn.interrupted ? ' interrupted' : ''}`}
          data-testid="voice-turn"
          data-role={turn.role}
          data-interrupted={turn.interrupted ? 'true' : 'false'}
          data-final={turn.final ? 'true' : 'false'}
        >
          <span className="voice-turn-who">{turn.role === 'user' ? 'You' : (turn.agent ?? 'FROK')}</span>
          <span className="voice-turn-text" data-testid="voice-turn-text">
            {turn.text || <span className="voice-turn-pending">…</span>}
          </span>
          {turn.interrupted && <span className="voice-turn-note">Interrupted</span>}
        </li>
      ))}
    </ol>
  );
}

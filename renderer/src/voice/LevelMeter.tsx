/** The microphone level as a native-feeling meter: screen readers get the number. */
/** `closedText` says why nothing is sent while the microphone is closed ("Muted", "Hold to talk"). */
export function LevelMeter({ level, closedText, active }: { level: number; closedText: string | null; active: boolean }) {
  const muted = closedText !== null;
  const percent = active && !muted ? Math.round(level * 100) : 0;
  const text = !active ? 'Microphone off' : (closedText ?? `${percent}%`);
  return (
    <div className="voice-level-row">
      <span className="voice-level-label" id="voice-level-label">
        Microphone
      </span>
      <div
        className={`voice-level${muted ? ' muted' : ''}`}
        role="meter"
        aria-labelledby="voice-level-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        data-testid="voice-level"
      >
        <div className="voice-level-bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="voice-level-text" aria-hidden="true">
        {text}
      </span>
    </div>
  );
}

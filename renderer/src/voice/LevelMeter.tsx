/** The microphone level as a native-feeling meter: screen readers get the number. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoiceLevel } from './voice-store';

/** `closedText` says why nothing is sent while the microphone is closed ("Muted", "Hold to talk"). */
export function LevelMeter({ level, closedText, active }: { level: number; closedText: string | null; active: boolean }) {
  const { t } = useTranslation('voice');
  const muted = closedText !== null;
  const percent = active && !muted ? Math.round(level * 100) : 0;
  const text = !active ? t('level.off') : (closedText ?? t('level.percent', { percent }));
  return (
    <div className="voice-level-row">
      <span className="voice-level-label" id="voice-level-label">
        {t('level.label')}
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
        <div className="voice-level-bar" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <span className="voice-level-text" aria-hidden="true">
        {text}
      </span>
    </div>
  );
}

type SessionLevelMeterProps = { closedText: string | null; active: boolean };

/**
 * The voice session's meter: it reads the level itself, so ten readings a second render
 * this row and not the screen around it.
 */
export const SessionLevelMeter = memo(function SessionLevelMeter(props: SessionLevelMeterProps) {
  const level = useVoiceLevel();
  return <LevelMeter level={level} {...props} />;
});

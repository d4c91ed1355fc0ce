/**
 * Talking to FROK, top to bottom: the session (what is happening now, Start / End session,
 * the microphone level, Interrupt / Mute / push-to-talk while it runs, timer and cost),
 * what was said, the voice options, and the sessions this window is running. The session
 * itself lives in the voice controller, so it goes on while other screens are open.
 */
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { call, useFrokEvent } from '../ipc';
import { formatClock, voiceCostUsd } from '../voice/format';
import { SessionLevelMeter } from '../voice/LevelMeter';
import { LIVE_STATES } from '../voice/types';
import { useClock } from '../voice/use-clock';
import { usePushToTalkKey } from '../voice/use-push-to-talk-key';
import { VoiceOptions } from '../voice/VoiceOptions';
import { VoiceSessions } from '../voice/VoiceSessions';
import { voiceController, useVoice } from '../voice/voice-store';
import { canInterrupt, usageText, voiceStatusText } from '../voice/voice-words';
import { VoiceTranscript } from '../voice/VoiceTranscript';
import './VoiceScreen.css';

function useSettings(): [Settings | null, (s: Settings) => void] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let current = true;
    call('settings:get')
      .then((s) => {
        if (current) setSettings(s);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  useFrokEvent('settings:changed', setSettings);
  return [settings, setSettings];
}

/** The session's clock: its tick every second renders this and nothing else of the screen. */
function VoiceTimer({ startedAt, running }: { startedAt: number; running: boolean }) {
  const { t } = useTranslation('voice');
  const now = useClock(running);
  return (
    <span className="voice-timer" data-testid="voice-timer" title={t('timer.limit')}>
      <span className="visually-hidden">{t('timer.label')} </span>
      {formatClock(now - startedAt)}
    </span>
  );
}

export function VoiceScreen() {
  const { t } = useTranslation('voice');
  const voice = useVoice();
  const controller = voiceController();
  const [settings, setSettings] = useSettings();
  const live = LIVE_STATES.has(voice.state);
  const conversing = live && voice.state !== 'connecting' && voice.state !== 'reconnecting';
  const pushToTalk = voice.turnTaking === 'push-to-talk' || (!live && settings?.voice.turnTaking === 'push-to-talk');
  const cost = voiceCostUsd(voice.usage, voice.model ? settings?.pricing[voice.model] : undefined);
  const interruptible = canInterrupt(voice.state);

  // While the screen is open and no session runs, main keeps a client secret ready, so
  // Start does not wait for a round trip to OpenAI.
  useEffect(() => {
    if (!live) call('realtime:prepare').catch(() => undefined);
  }, [live]);

  usePushToTalkKey(conversing && voice.turnTaking === 'push-to-talk', () => controller.talkPress(), () => controller.talkRelease());

  // Start and End session share one place: when one replaces the other, the keyboard stays there
  // rather than falling back to the page.
  const mainAction = useRef<HTMLDivElement>(null);
  const actionHadFocus = useRef(false);
  useEffect(() => {
    if (!actionHadFocus.current) return;
    actionHadFocus.current = false;
    mainAction.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [live]);
  const noteFocus = () => {
    actionHadFocus.current = mainAction.current?.contains(document.activeElement) ?? false;
  };

  function start() {
    if (!settings) return;
    noteFocus();
    void controller.begin({
      inputDeviceId: settings.voice.inputDeviceId,
      outputDeviceId: settings.voice.outputDeviceId,
      traceExport: settings.privacy.traceExport,
    });
  }

  function end() {
    noteFocus();
    void controller.end();
  }

  return (
    <section className="screen voice-screen" data-testid="screen-voice" aria-labelledby="screen-voice-title">
      <div className="screen-header">
        <h1 id="screen-voice-title" tabIndex={-1}>
          {t('title')}
        </h1>
        {voice.startedAt !== null && <VoiceTimer startedAt={voice.startedAt} running={live} />}
      </div>

      <div className="card voice-stage" data-state={voice.state}>
        <div className="voice-status">
          <p className="voice-state" data-testid="voice-state" role="status" aria-live="polite">
            {voiceStatusText(t, voice)}
          </p>
          {/* Who is talking matters only while someone is: an ended session talks with nobody. */}
          {live && voice.agent && (
            <p className="voice-agent" data-testid="voice-agent-line">
              <Trans t={t} i18nKey="talkingWith" values={{ agent: voice.agent }} components={{ strong: <strong data-testid="voice-agent" /> }} />
            </p>
          )}
          {!live && voice.state === 'idle' && <p className="hint voice-intro">{t('intro')}</p>}
        </div>

        <div className="voice-main-action" ref={mainAction}>
          {live ? (
            <button type="button" className="button voice-big danger" data-testid="voice-end" onClick={end}>
              {t('endSession')}
            </button>
          ) : (
            <button type="button" className="button voice-big primary" data-testid="voice-start" onClick={start} disabled={!settings}>
              {t('start')}
            </button>
          )}
        </div>

        <SessionLevelMeter
          closedText={voice.muted ? t('level.muted') : pushToTalk && !voice.talking ? t('level.holdToTalk') : null}
          active={live}
        />

        {/* Controls for a running session only: before and after one they would do nothing. */}
        {live && (
          <div className="voice-controls" role="group" aria-label={t('controls.label')} data-testid="voice-controls">
            <div className="voice-control">
              <button
                type="button"
                className={`button secondary${interruptible ? '' : ' unavailable'}`}
                data-testid="voice-interrupt"
                // aria-disabled, not disabled: the button keeps the keyboard after it is used.
                aria-disabled={!interruptible}
                aria-describedby="voice-interrupt-hint"
                onClick={() => {
                  if (interruptible) controller.interrupt();
                }}
              >
                {t('controls.interrupt')}
              </button>
              <span id="voice-interrupt-hint" className="hint voice-control-hint" data-testid="voice-interrupt-hint">
                {interruptible ? t('controls.interruptHint') : t('controls.interruptUnavailable')}
              </span>
            </div>
            {!pushToTalk && (
              <div className="voice-control">
                <button
                  type="button"
                  className="button secondary"
                  data-testid="voice-mute"
                  data-muted={voice.muted ? 'true' : 'false'}
                  onClick={() => controller.setMuted(!voice.muted)}
                >
                  {voice.muted ? t('controls.unmute') : t('controls.mute')}
                </button>
              </div>
            )}
            {pushToTalk && (
              <button
                type="button"
                className={`button secondary voice-ptt${voice.talking ? ' talking' : ''}`}
                data-testid="voice-ptt"
                aria-pressed={voice.talking}
                disabled={!conversing}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture?.(e.pointerId);
                  controller.talkPress();
                }}
                onPointerUp={() => controller.talkRelease()}
                onPointerCancel={() => controller.talkRelease()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.repeat) controller.talkPress();
                }}
                onKeyUp={(e) => {
                  if (e.key === 'Enter') controller.talkRelease();
                }}
              >
                {voice.talking ? t('controls.talkingRelease') : t('controls.holdToTalk')}
              </button>
            )}
          </div>
        )}
        {pushToTalk && <p className="hint">{t('controls.pushToTalkHint')}</p>}

        {voice.startedAt !== null && (
          <p className="voice-usage hint" data-testid="voice-usage">
            {usageText(t, voice.usage, cost)}
          </p>
        )}
      </div>

      {voice.error && (
        <p className="message error" role="alert" data-testid="voice-error">
          {voice.error}
        </p>
      )}
      {voice.notice && (
        <p className="message voice-notice" role="status" data-testid="voice-notice">
          {voice.notice}
        </p>
      )}

      {voice.approvals.map((approval) => (
        <div key={approval.id} className="card voice-approval" role="alertdialog" aria-labelledby={`approval-${approval.id}`} data-testid="voice-approval">
          <p id={`approval-${approval.id}`}>
            <strong>{approval.reason ?? t('approval.question', { tool: approval.toolName.replaceAll('_', ' ') })}</strong>
          </p>
          <div className="actions">
            <button type="button" className="button primary" data-testid="voice-approve" onClick={() => void controller.decideApproval(approval.id, true)}>
              {t('approval.allow')}
            </button>
            <button type="button" className="button secondary" data-testid="voice-reject" onClick={() => void controller.decideApproval(approval.id, false)}>
              {t('approval.deny')}
            </button>
          </div>
        </div>
      ))}

      {/* "What was said", not "Conversation": that is the typed Conversation screen's name. */}
      <section className="card voice-transcript-card" aria-labelledby="voice-transcript-title" data-testid="voice-transcript-card">
        <h2 id="voice-transcript-title">{t('transcript.title')}</h2>
        <VoiceTranscript turns={voice.turns} live={live} labelledBy="voice-transcript-title" />
      </section>

      {settings && <VoiceOptions settings={settings} onSettings={setSettings} live={live} open={Boolean(voice.error?.includes(t('options.title')))} />}

      <VoiceSessions sessionKey={`${voice.sessionId ?? ''}:${voice.state === 'connecting' || voice.state === 'reconnecting' ? 'pending' : live ? 'live' : 'over'}`} />
    </section>
  );
}

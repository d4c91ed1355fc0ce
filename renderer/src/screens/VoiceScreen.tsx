/**
 * Talking to FROK: Start/End, what is happening now (listening, thinking, speaking), the
 * microphone level, the live transcript, Stop / Mute / push-to-talk, timer and cost. The
 * session itself lives in the voice controller, so it goes on while other screens are open.
 */
import { useEffect, useState } from 'react';
import type { Settings } from '@shared/settings';
import { call, useFrokEvent } from '../ipc';
import { describeUsage, formatClock, STATE_LABELS, voiceCostUsd } from '../voice/format';
import { LevelMeter } from '../voice/LevelMeter';
import { LIVE_STATES } from '../voice/types';
import { useClock } from '../voice/use-clock';
import { usePushToTalkKey } from '../voice/use-push-to-talk-key';
import { VoiceOptions } from '../voice/VoiceOptions';
import { voiceController, useVoice } from '../voice/voice-store';
import { VoiceTranscript } from '../voice/VoiceTranscript';

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

export function VoiceScreen() {
  const voice = useVoice();
  const controller = voiceController();
  const [settings, setSettings] = useSettings();
  const live = LIVE_STATES.has(voice.state);
  const conversing = live && voice.state !== 'connecting' && voice.state !== 'reconnecting';
  const pushToTalk = voice.turnTaking === 'push-to-talk' || (!live && settings?.voice.turnTaking === 'push-to-talk');
  const now = useClock(live);
  const elapsed = voice.startedAt === null ? 0 : now - voice.startedAt;
  const cost = voiceCostUsd(voice.usage, voice.model ? settings?.pricing[voice.model] : undefined);
  const canStop = conversing && (voice.state === 'assistant-speaking' || voice.state === 'thinking');

  // While the screen is open and no session runs, main keeps a client secret ready, so
  // Start does not wait for a round trip to OpenAI.
  useEffect(() => {
    if (!live) call('realtime:prepare').catch(() => undefined);
  }, [live]);

  usePushToTalkKey(conversing && voice.turnTaking === 'push-to-talk', () => controller.talkPress(), () => controller.talkRelease());

  function start() {
    if (!settings) return;
    void controller.begin({
      inputDeviceId: settings.voice.inputDeviceId,
      outputDeviceId: settings.voice.outputDeviceId,
      traceExport: settings.privacy.traceExport,
    });
  }

  return (
    <section className="screen voice-screen" data-testid="screen-voice" aria-labelledby="screen-voice-title">
      <div className="screen-header">
        <h1 id="screen-voice-title" tabIndex={-1}>
          Voice
        </h1>
        {voice.startedAt !== null && (
          <span className="voice-timer" data-testid="voice-timer" title="A voice session lasts at most 60 minutes">
            <span className="visually-hidden">Session time </span>
            {formatClock(elapsed)}
          </span>
        )}
      </div>

      <div className="card voice-stage" data-state={voice.state}>
        <div className="voice-status">
          <p className="voice-state" data-testid="voice-state" role="status" aria-live="polite">
            {STATE_LABELS[voice.state]}
            {voice.state === 'thinking' && voice.tool && <span className="voice-tool"> — using {voice.tool.replaceAll('_', ' ')}</span>}
          </p>
          {voice.agent && (
            <p className="voice-agent">
              Talking with <strong data-testid="voice-agent">{voice.agent}</strong>
            </p>
          )}
        </div>

        <div className="voice-main-action">
          {live ? (
            <button type="button" className="button voice-big danger" data-testid="voice-end" onClick={() => void controller.end()}>
              End
            </button>
          ) : (
            <button type="button" className="button voice-big primary" data-testid="voice-start" onClick={start} disabled={!settings}>
              Start
            </button>
          )}
        </div>

        <LevelMeter level={voice.level} closedText={voice.muted ? 'Muted' : pushToTalk && !voice.talking ? 'Hold to talk' : null} active={live} />

        <div className="voice-controls" role="group" aria-label="Voice controls">
          <button type="button" className="button secondary" data-testid="voice-stop" onClick={() => controller.interrupt()} disabled={!canStop}>
            Stop
          </button>
          <button
            type="button"
            className="button secondary"
            data-testid="voice-mute"
            aria-pressed={voice.muted}
            onClick={() => controller.setMuted(!voice.muted)}
            disabled={!conversing || voice.turnTaking === 'push-to-talk'}
            title={voice.turnTaking === 'push-to-talk' ? 'In push-to-talk the microphone is open only while you hold Space.' : undefined}
          >
            {voice.muted ? 'Unmute' : 'Mute'}
          </button>
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
              {voice.talking ? 'Talking… release to send' : 'Hold to talk'}
            </button>
          )}
        </div>
        {pushToTalk && <p className="hint">Push to talk: hold Space (or the button) while you speak, and let go when you are done.</p>}

        {voice.startedAt !== null && (
          <p className="voice-usage hint" data-testid="voice-usage">
            {describeUsage(voice.usage, cost)}
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
            <strong>{approval.reason ?? `Let FROK use ${approval.toolName.replaceAll('_', ' ')}?`}</strong>
          </p>
          <div className="actions">
            <button type="button" className="button primary" data-testid="voice-approve" onClick={() => void controller.decideApproval(approval.id, true)}>
              Allow
            </button>
            <button type="button" className="button secondary" data-testid="voice-reject" onClick={() => void controller.decideApproval(approval.id, false)}>
              Don't allow
            </button>
          </div>
        </div>
      ))}

      <div className="card voice-transcript-card">
        <h2>Conversation</h2>
        <VoiceTranscript turns={voice.turns} live={live} />
      </div>

      {settings && <VoiceOptions settings={settings} onSettings={setSettings} live={live} open={Boolean(voice.error?.includes('Voice options'))} />}
    </section>
  );
}

/**
 * The voice HUD: a small always-on-top panel the voice hotkey opens. It runs its own
 * voice session (the same controller as the Voice screen), follows the hotkey and the
 * tray through `hud:toggle`, tells main what the session is doing for the tray icon, and
 * hides itself when the session ends.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import type { HudToggleEvent } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { useActivity } from '../activity/ActivityProvider';
import { shortSpecialistName } from '../activity/specialist-label';
import { call, errorMessage, useFrokEvent } from '../ipc';
import { SessionLevelMeter } from '../voice/LevelMeter';
import { LIVE_STATES } from '../voice/types';
import { useVoice, voiceController } from '../voice/voice-store';
import { voiceStatusText } from '../voice/voice-words';
import { conversing, hudStep, recentTurns, specialistsAtWork, voiceActivityFor } from './hud-model';

function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useFrokEvent('settings:changed', setSettings);
  useEffect(() => {
    let current = true;
    call('settings:get').then(
      (s) => current && setSettings(s),
      () => undefined, // Read again when a session starts.
    );
    return () => {
      current = false;
    };
  }, []);
  return settings;
}

function useTeam(): AgentConfig | null {
  const [config, setConfig] = useState<AgentConfig | null>(null);
  useEffect(() => {
    let current = true;
    call('agent:config').then(
      (c) => current && setConfig(c),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return config;
}

export function HudApp() {
  const { t } = useTranslation('hud');
  const voice = useVoice();
  const controller = voiceController();
  const settings = useSettings();
  const team = useTeam();
  const activity = useActivity();
  const [problem, setProblem] = useState<string | null>(null);
  // Push-to-talk started by the hotkey: the turn opens as soon as the session can hear.
  const talkWhenReady = useRef(false);
  const live = LIVE_STATES.has(voice.state);
  const pushToTalk = voice.turnTaking === 'push-to-talk';

  async function begin() {
    setProblem(null);
    let s = settings;
    try {
      s ??= await call('settings:get');
    } catch (err) {
      setProblem(errorMessage(err));
      return;
    }
    talkWhenReady.current = s.voice.turnTaking === 'push-to-talk';
    await controller.begin({ inputDeviceId: s.voice.inputDeviceId, outputDeviceId: s.voice.outputDeviceId, traceExport: s.privacy.traceExport });
  }

  function act(action: HudToggleEvent['action']) {
    const step = hudStep(action, { state: controller.snapshot.state, pushToTalk: controller.pushToTalk, talking: controller.snapshot.talking });
    if (step === 'begin') void begin();
    else if (step === 'end') void controller.end();
    else if (step === 'talk-press') controller.talkPress();
    else if (step === 'talk-release') controller.talkRelease();
  }

  useFrokEvent('hud:toggle', ({ action }) => act(action));
  // After the subscription above (effects run in order): main holds the first toggle until this.
  // Between sessions main keeps a client secret ready, so the next hotkey press starts fast.
  useEffect(() => {
    if (!live) call('realtime:prepare').catch(() => undefined);
  }, [live]);

  useEffect(() => {
    call('window:ready').catch(() => undefined);
  }, []);

  useEffect(() => {
    if (talkWhenReady.current && conversing(voice.state)) {
      talkWhenReady.current = false;
      if (pushToTalk) controller.talkPress();
    }
  }, [voice.state, pushToTalk, controller]);

  // The tray icon follows the session: one report per change of what it would show.
  const trayActivity = voiceActivityFor(voice.state);
  useEffect(() => {
    if (!voice.sessionId || !trayActivity) return;
    call('voice:activity', { sessionId: voice.sessionId, activity: trayActivity }).catch(() => undefined);
  }, [voice.sessionId, trayActivity]);

  // A session that ended puts the panel away; one that failed stays so the person can read why.
  const wasLive = useRef(false);
  useEffect(() => {
    if (wasLive.current && voice.state === 'ended') call('window:close').catch(() => undefined);
    wasLive.current = LIVE_STATES.has(voice.state);
  }, [voice.state]);

  const turns = recentTurns(voice.turns, 2);
  const working = live ? specialistsAtWork(activity) : [];
  const error = problem ?? (voice.state === 'error' ? voice.error : null);
  const latest = turns.at(-1);

  // The panel is small: its words scroll, and the newest stay in view (the end of what FROK
  // is saying, not its first line). Runs only when those words change, not on every level tick.
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [latest?.key, latest?.text, error, working.length]);

  return (
    <main className="hud" data-testid="hud-root" data-state={voice.state} aria-label={t('label')}>
      <div className="hud-top">
        <span className={`hud-dot ${voice.state}`} aria-hidden="true" />
        <p className="hud-state" role="status" aria-live="polite" data-testid="hud-state">
          {voiceStatusText(t, voice)}
          {voice.talking && t('talkingSuffix')}
        </p>
        <div className="hud-actions">
          {live && pushToTalk && (
            <button
              type="button"
              className="button secondary small"
              aria-pressed={voice.talking}
              disabled={!conversing(voice.state)}
              onClick={() => (voice.talking ? controller.talkRelease() : controller.talkPress())}
              data-testid="hud-talk"
            >
              {voice.talking ? t('send') : t('talk')}
            </button>
          )}
          {live ? (
            <button type="button" className="button danger small" onClick={() => void controller.end()} data-testid="hud-end">
              {t('endSession')}
            </button>
          ) : (
            <>
              <button type="button" className="button primary small" onClick={() => void begin()} data-testid="hud-start">
                {t('start')}
              </button>
              <button type="button" className="button secondary small" onClick={() => void call('window:close').catch(() => undefined)} data-testid="hud-close">
                {t('close')}
              </button>
            </>
          )}
        </div>
      </div>
      {!error && <SessionLevelMeter closedText={voice.muted ? t('muted') : pushToTalk && !voice.talking ? t('pressTalk') : null} active={live} />}
      {/* Scrolls when the words do not fit; focusable so the keyboard can scroll it too. */}
      <div ref={body} className="hud-body" tabIndex={0} role="region" aria-label={error ? t('problemLabel') : t('wordsLabel')} data-testid="hud-body">
        {error ? (
          <p className="hud-error" role="alert" data-testid="hud-error">
            {error}
          </p>
        ) : (
          <>
            {working.length > 0 && (
              <p className="hud-specialist" data-testid="hud-specialist">
                <span className="spinner" aria-hidden="true" />
                {t('atWork', { names: working.map((id) => shortSpecialistName(id, team)).join(', '), count: working.length })}
              </p>
            )}
            <ol className="hud-transcript" data-testid="hud-transcript">
              {turns.map((turn) => (
                <li key={turn.key} className={`hud-turn ${turn.role}`} data-role={turn.role} data-testid="hud-turn">
                  <span className="hud-turn-who">{turn.role === 'user' ? t('you') : t('frok')}</span> {turn.text || '…'}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </main>
  );
}

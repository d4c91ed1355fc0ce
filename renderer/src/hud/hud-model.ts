/**
 * The voice HUD's decisions, as pure functions: what the voice hotkey does now, what the
 * tray should show, which turns and which specialist the small panel has room for.
 */
import type { SpecialistId } from '@shared/domain';
import type { HudToggleEvent, VoiceActivity } from '@shared/desktop';
import { isRunActive, specialistProgress, type ActivityState } from '../activity/activity-model';
import { LIVE_STATES, type TranscriptTurn, type VoiceState } from '../voice/types';

export type HudStep = 'begin' | 'end' | 'talk-press' | 'talk-release' | 'none';

export interface HudSession {
  state: VoiceState;
  pushToTalk: boolean;
  talking: boolean;
}

/**
 * `toggle` (the hotkey): no session → start one; push-to-talk → a press starts a turn and
 * the next press sends it (a global hotkey has no key-up to release on); otherwise → end.
 * `start` / `stop` (the tray) only start or only end.
 */
export function hudStep(action: HudToggleEvent['action'], session: HudSession): HudStep {
  const live = LIVE_STATES.has(session.state);
  if (action === 'start') return live ? 'none' : 'begin';
  if (action === 'stop') return live ? 'end' : 'none';
  if (!live) return 'begin';
  if (session.pushToTalk) {
    if (session.talking) return 'talk-release';
    // Still connecting: the turn starts once it can (see the HUD's talk-when-ready).
    return conversing(session.state) ? 'talk-press' : 'none';
  }
  return 'end';
}

export function conversing(state: VoiceState): boolean {
  return LIVE_STATES.has(state) && state !== 'connecting' && state !== 'reconnecting';
}

/** What the tray icon shows for a session in this state; null once it is over. */
export function voiceActivityFor(state: VoiceState): VoiceActivity | null {
  switch (state) {
    case 'listening':
    case 'user-speaking':
    case 'interrupted':
      return 'listening';
    case 'thinking':
      return 'thinking';
    case 'assistant-speaking':
      return 'speaking';
    case 'connecting':
    case 'reconnecting':
      return 'idle';
    case 'idle':
    case 'error':
    case 'ended':
      return null;
  }
}

/** The last `count` turns that have something to show (a turn still being heard counts). */
export function recentTurns(turns: readonly TranscriptTurn[], count = 2): TranscriptTurn[] {
  return turns.filter((t) => t.text.trim() !== '' || !t.final).slice(-count);
}

/** Specialists working right now for a voice question (ask_specialists runs with source "voice"). */
export function specialistsAtWork(activity: ActivityState): SpecialistId[] {
  const out: SpecialistId[] = [];
  for (const run of activity.runs) {
    if (run.source !== 'voice' || !isRunActive(run)) continue;
    for (const p of specialistProgress(run)) if (p.running && !out.includes(p.specialist)) out.push(p.specialist);
  }
  return out;
}

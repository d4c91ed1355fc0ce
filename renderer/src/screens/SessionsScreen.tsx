/**
 * The voice sessions main is running for this window, each with its state, time, usage and
 * an End button; main tells the owning window, which disconnects.
 */
import { useEffect, useState } from 'react';
import type { RealtimeSessionInfo } from '@shared/realtime';
import { call, errorMessage, useFrokEvent } from '../ipc';
import { describeUsage, formatClock } from '../voice/format';
import { useClock } from '../voice/use-clock';

const STATE_TEXT: Record<RealtimeSessionInfo['state'], string> = {
  starting: 'Starting',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  ended: 'Ended',
  error: 'Failed',
};

/** Sessions change state on their own (reconnects, time limit): look again every few seconds. */
const REFRESH_MS = 2000;

export function SessionsScreen() {
  const [sessions, setSessions] = useState<RealtimeSessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const now = useClock(Boolean(sessions?.length));

  // Bumped to look again at once (after End, or when main ended a session).
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    const load = () =>
      call('realtime:list').then(
        (list) => {
          if (!current) return;
          setSessions(list);
          setError(null);
        },
        (err: unknown) => {
          if (current) setError(errorMessage(err));
        },
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [version]);
  useFrokEvent('realtime:ended', () => setVersion((v) => v + 1));

  async function end(sessionId: string) {
    setEnding(sessionId);
    try {
      await call('realtime:end', { sessionId });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setEnding(null);
      setVersion((v) => v + 1);
    }
  }

  return (
    <section className="screen" data-testid="screen-sessions" aria-labelledby="screen-sessions-title">
      <h1 id="screen-sessions-title" tabIndex={-1}>
        Sessions
      </h1>
      <p className="hint sessions-intro">Voice sessions running now. Each costs money while it is open; a session ends by itself after 60 minutes.</p>
      {error && (
        <p className="message error" role="alert" data-testid="sessions-error">
          {error}
        </p>
      )}
      {sessions === null && !error && <p aria-busy="true">Loading…</p>}
      {sessions?.length === 0 && (
        <p className="placeholder" data-testid="sessions-empty">
          No voice sessions are running. Start one from the Voice screen.
        </p>
      )}
      {sessions && sessions.length > 0 && (
        <table className="sessions-table" data-testid="sessions-table">
          <caption className="visually-hidden">Running voice sessions</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Time</th>
              <th scope="col">Talking with</th>
              <th scope="col">Usage</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.sessionId} data-testid="session-row" data-session-id={s.sessionId} data-state={s.state}>
                <td data-testid="session-state">
                  {STATE_TEXT[s.state]}
                  <span className="hint session-detail">
                    {' '}
                    {s.transport === 'webrtc' ? 'WebRTC' : 'WebSocket'} · {s.voice}
                  </span>
                </td>
                <td data-testid="session-duration">{formatClock(now - Date.parse(s.createdAt))}</td>
                <td>{s.currentAgent ?? '—'}</td>
                <td data-testid="session-usage">{describeUsage(s.usage, s.costUsd)}</td>
                <td>
                  <button
                    type="button"
                    className="button danger small"
                    data-testid="session-end"
                    disabled={ending === s.sessionId}
                    onClick={() => void end(s.sessionId)}
                    aria-label={`End the voice session started at ${new Date(s.createdAt).toLocaleTimeString()}`}
                  >
                    {ending === s.sessionId ? 'Ending…' : 'End'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

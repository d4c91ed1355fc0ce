/**
 * The voice sessions main is running for this window (what the Sessions screen used to
 * show), as a disclosure at the foot of the Voice screen: each with its state, time,
 * usage and an End button; main tells the owning window, which disconnects. Looked up
 * when the session here changes, and every few seconds only while the list is open.
 */
import { memo, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RealtimeSessionInfo } from '@shared/realtime';
import { formatTime } from '../i18n/format';
import { call, errorMessage, useFrokEvent } from '../ipc';
import { formatClock } from './format';
import { useClock } from './use-clock';
import { usageText } from './voice-words';

/** Sessions change state on their own (reconnects, time limit): look again every few seconds while shown. */
const REFRESH_MS = 2000;

/** `sessionKey` changes whenever this window's own session starts, connects or ends: look again then. */
// Memoized: the Voice screen renders on every session change; this part only when its props change.
export const VoiceSessions = memo(function VoiceSessions({ sessionKey }: { sessionKey: string }) {
  const { t } = useTranslation('voice');
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [sessions, setSessions] = useState<RealtimeSessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const now = useClock(open && Boolean(sessions?.length));

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
    const timer = open ? setInterval(() => void load(), REFRESH_MS) : undefined;
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [version, open, sessionKey]);
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

  const summary = sessions === null ? t('sessions.summaryUnknown') : t('sessions.summary', { count: sessions.length });

  return (
    <details className="card voice-sessions" data-testid="voice-sessions" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="voice-sessions-summary">
        <h2 id={titleId} className="voice-sessions-title">
          {summary}
        </h2>
      </summary>
      <p className="hint sessions-intro">{t('sessions.intro')}</p>
      {error && (
        <p className="message error" role="alert" data-testid="sessions-error">
          {error}
        </p>
      )}
      {sessions === null && !error && <p aria-busy="true">{t('sessions.loading')}</p>}
      {sessions?.length === 0 && (
        <p className="placeholder" data-testid="sessions-empty">
          {t('sessions.empty')}
        </p>
      )}
      {sessions && sessions.length > 0 && (
        <table className="sessions-table" data-testid="sessions-table" aria-labelledby={titleId}>
          <caption className="visually-hidden">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.state')}</th>
              <th scope="col">{t('sessions.time')}</th>
              <th scope="col">{t('sessions.talkingWith')}</th>
              <th scope="col">{t('sessions.usage')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.sessionId} data-testid="session-row" data-session-id={s.sessionId} data-state={s.state}>
                <td data-testid="session-state">
                  {t(`sessions.states.${s.state}`)}
                  <span className="hint session-detail">
                    {' '}
                    {s.transport === 'webrtc' ? 'WebRTC' : 'WebSocket'} · {s.voice}
                  </span>
                </td>
                <td data-testid="session-duration">{formatClock(now - Date.parse(s.createdAt))}</td>
                <td>{s.currentAgent ?? '—'}</td>
                <td data-testid="session-usage">{usageText(t, s.usage, s.costUsd)}</td>
                <td>
                  <button
                    type="button"
                    className="button danger small"
                    data-testid="session-end"
                    disabled={ending === s.sessionId}
                    onClick={() => void end(s.sessionId)}
                    aria-label={t('sessions.endLabel', { time: formatTime(Date.parse(s.createdAt), { timeStyle: 'medium' }) })}
                  >
                    {ending === s.sessionId ? t('sessions.ending') : t('sessions.end')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
});

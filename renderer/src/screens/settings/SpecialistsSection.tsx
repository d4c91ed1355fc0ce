/**
 * Settings → Specialists: how FROK uses its team by default, who is on it, and the limits
 * on a run. Choices save the moment they change; the two numbers save with their button.
 */
import { useId, useState, type FormEvent } from 'react';
import { isBuiltInSpecialist, type AgentPattern, type BuiltInSpecialistId } from '@shared/domain';
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { useAgentConfig } from '../../conversation/use-agent-config';
import { call, errorMessage } from '../../ipc';
import { HomeAssistantPanel } from './HomeAssistantPanel';
import { useFollowedDraft } from './use-followed-draft';

export interface SpecialistsSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
  /** For the Home Assistant panel: whether a token is stored. */
  status: SecretsStatus;
  onStatus(status: SecretsStatus): void;
}

interface LimitsDraft {
  maxTurns: string;
  asksPerMinute: string;
}

const limitsFrom = (s: Settings): LimitsDraft => ({ maxTurns: String(s.agents.maxTurns), asksPerMinute: String(s.agents.asksPerMinute) });
const sameLimits = (a: LimitsDraft, b: LimitsDraft) => a.maxTurns === b.maxTurns && a.asksPerMinute === b.asksPerMinute;

/** A whole number in range, or why not (in words for the field's error). */
export function checkWholeNumber(text: string, min: number, max: number): string | null {
  const value = Number(text.trim());
  if (!text.trim() || !Number.isInteger(value)) return `Enter a whole number from ${min} to ${max}.`;
  if (value < min || value > max) return `Enter a number from ${min} to ${max}.`;
  return null;
}

/** Main appends the reason to the description (for the orchestrator); here it has its own line. */
function withoutReason(description: string, reason: string | null): string {
  return reason ? description.replace(` Currently unavailable: ${reason}`, '') : description;
}

export function SpecialistsSection({ settings, onSettings, status, onStatus }: SpecialistsSectionProps) {
  const id = useId();
  const team = useAgentConfig(settings);
  const [saving, setSaving] = useState<string | null>(null);
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<Partial<Settings['agents']> | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const enabled = pending?.enabledSpecialists ?? settings.agents.enabledSpecialists;
  const builtIn = (team.config?.specialists ?? []).flatMap((s) => (isBuiltInSpecialist(s.id) ? [{ ...s, id: s.id }] : []));
  const defaultPattern = pending?.defaultPattern ?? settings.agents.defaultPattern;

  const saved = limitsFrom(settings);
  const [limits, setLimits] = useFollowedDraft(saved, sameLimits);
  const [limitErrors, setLimitErrors] = useState<Partial<Record<keyof LimitsDraft, string>>>({});
  const [limitsMessage, setLimitsMessage] = useState<FormMessageValue | null>(null);


  async function save(what: string, agents: Partial<Settings['agents']>) {
    setSaving(what);
    setPending(agents);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { agents }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(null);
      setPending(null);
    }
  }

  function toggle(specialist: BuiltInSpecialistId, on: boolean) {
    const current = enabled;
    // In the team's order, so the settings file lists them the same way every time.
    const order = builtIn.map((s) => s.id);
    const next = order.filter((s) => (s === specialist ? on : current.includes(s)));
    if (next.length === 0) {
      setMessage({ tone: 'error', text: 'Keep at least one specialist on: FROK needs one to answer.' });
      return;
    }
    void save(`specialist-${specialist}`, { enabledSpecialists: next });
  }

  async function saveLimits(event: FormEvent) {
    event.preventDefault();
    const errors = {
      ...(checkWholeNumber(limits.maxTurns, 1, 50) ? { maxTurns: checkWholeNumber(limits.maxTurns, 1, 50)! } : {}),
      ...(checkWholeNumber(limits.asksPerMinute, 1, 1000) ? { asksPerMinute: checkWholeNumber(limits.asksPerMinute, 1, 1000)! } : {}),
    };
    setLimitErrors(errors);
    setLimitsMessage(null);
    if (Object.keys(errors).length) return;
    setSaving('limits');
    try {
      const next = await call('settings:update', { agents: { maxTurns: Number(limits.maxTurns), asksPerMinute: Number(limits.asksPerMinute) } });
      onSettings(next);
      setLimits(limitsFrom(next));
      setLimitsMessage({ tone: 'success', text: 'Saved.' });
    } catch (err) {
      setLimitsMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(null);
    }
  }

  const patterns = team.config?.patterns ?? [];
  // FROK's own five; the person's MCP servers are switched on and off in Settings → Tools.
  const specialists = builtIn;

  return (
    <section className="card" aria-labelledby="settings-specialists-title" data-testid="settings-specialists">
      <h2 id="settings-specialists-title">Specialists</h2>
      {team.phase === 'failed' && (
        <p className="message error" role="alert">
          {team.error}{' '}
          <button type="button" className="link-button" onClick={team.reload}>
            Try again
          </button>
        </p>
      )}
      {team.phase === 'loading' && <p className="hint">Loading the team…</p>}

      {patterns.length > 0 && (
        <fieldset className="field-group">
          <legend>How FROK uses the team by default</legend>
          {patterns.map((p) => (
            <label key={p.id} className="choice choice-described">
              <input
                type="radio"
                name={`${id}-pattern`}
                value={p.id}
                checked={defaultPattern === p.id}
                disabled={saving !== null}
                onChange={() => void save('pattern', { defaultPattern: p.id as AgentPattern })}
                data-testid={`settings-pattern-${p.id}`}
              />
              <span>
                <span className="choice-title">{p.label}</span>
                <span className="hint">{p.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      {specialists.length > 0 && (
        <fieldset className="field-group">
          <legend>Who is on the team</legend>
          <ul className="specialist-settings">
            {specialists.map((s) => {
              const on = enabled.includes(s.id);
              return (
                <li key={s.id} className="switch-row">
                  <input
                    id={`${id}-${s.id}`}
                    type="checkbox"
                    role="switch"
                    className="switch"
                    checked={on}
                    disabled={saving !== null}
                    onChange={(e) => toggle(s.id, e.target.checked)}
                    aria-describedby={`${id}-${s.id}-hint`}
                    data-testid={`settings-specialist-${s.id}`}
                  />
                  <div>
                    <label htmlFor={`${id}-${s.id}`}>{s.name}</label>
                    <p className="hint" id={`${id}-${s.id}-hint`}>
                      {withoutReason(s.description, s.unavailableReason)}
                      {!s.available && (
                        <span className="availability unavailable" data-testid={`settings-specialist-${s.id}-unavailable`}>
                          {' '}
                          Unavailable now: {s.unavailableReason}
                        </span>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      <FormMessage value={message} testId="settings-specialists-message" />

      <form className="subpanel" onSubmit={saveLimits} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-max-turns`}>Max turns per request</label>
            <input
              id={`${id}-max-turns`}
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              step={1}
              value={limits.maxTurns}
              onChange={(e) => setLimits((l) => ({ ...l, maxTurns: e.target.value }))}
              aria-invalid={limitErrors.maxTurns ? true : undefined}
              aria-describedby={`${id}-max-turns-hint`}
              data-testid="settings-max-turns"
            />
            <p className={limitErrors.maxTurns ? 'field-error' : 'hint'} id={`${id}-max-turns-hint`}>
              {limitErrors.maxTurns ?? 'How many back-and-forths the agents get before FROK stops them (1–50).'}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-asks`}>Questions per minute</label>
            <input
              id={`${id}-asks`}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              step={1}
              value={limits.asksPerMinute}
              onChange={(e) => setLimits((l) => ({ ...l, asksPerMinute: e.target.value }))}
              aria-invalid={limitErrors.asksPerMinute ? true : undefined}
              aria-describedby={`${id}-asks-hint`}
              data-testid="settings-asks-per-minute"
            />
            <p className={limitErrors.asksPerMinute ? 'field-error' : 'hint'} id={`${id}-asks-hint`}>
              {limitErrors.asksPerMinute ?? 'A guard against runaway costs (1–1000).'}
            </p>
          </div>
        </div>
        <FormMessage value={limitsMessage} testId="settings-limits-message" />
        <div className="actions">
          <button type="submit" className="button primary" disabled={saving !== null} data-testid="settings-limits-save">
            {saving === 'limits' ? 'Saving…' : 'Save limits'}
          </button>
        </div>
      </form>
      <HomeAssistantPanel settings={settings} status={status} onStatus={onStatus} onChanged={team.reload} />
    </section>
  );
}

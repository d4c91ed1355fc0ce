/**
 * Settings → Specialists: how FROK uses its team by default, who is on it, and the limits
 * on a run. Every choice saves the moment it changes; the two numbers when their field is left.
 */
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isBuiltInSpecialist, type AgentPattern, type BuiltInSpecialistId } from '@shared/domain';
import type { Settings } from '@shared/settings';
import { useAgentConfig } from '../../conversation/use-agent-config';
import type { SettingsSectionProps } from '../SettingsScreen';
import { useAutoSavedText, useSavedChoice, type TextCheck } from './autosave';
import { SaveStatusText } from './SaveStatus';
import { range, st } from './words';

/** A whole number in range, or why not (in words for the field's error). */
export function checkWholeNumber(text: string, min: number, max: number): string | null {
  const value = Number(text.trim());
  if (!text.trim() || !Number.isInteger(value)) return st('numbers.whole', range(min, max));
  if (value < min || value > max) return st('numbers.range', range(min, max));
  return null;
}

function wholeNumber(min: number, max: number) {
  return (text: string): TextCheck<number> => {
    const problem = checkWholeNumber(text, min, max);
    return problem ? { ok: false, reason: problem } : { ok: true, value: Number(text.trim()) };
  };
}

/** Main appends the reason to the description (for the orchestrator); here it has its own line. */
function withoutReason(description: string, reason: string | null): string {
  return reason ? description.replace(` Currently unavailable: ${reason}`, '') : description;
}

export function SpecialistsSection({ settings, onSettings, teamRevision }: Pick<SettingsSectionProps, 'settings' | 'onSettings' | 'teamRevision'>) {
  const { t } = useTranslation('settings');
  const id = useId();
  const team = useAgentConfig(settings);
  const { reload } = team;
  // Home Assistant (its own section) connected or disconnected: who can work may have changed.
  useEffect(() => {
    if (teamRevision > 0) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is a new function each render; the revision is the trigger.
  }, [teamRevision]);
  const patternSaver = useSavedChoice<AgentPattern>(settings.agents.defaultPattern, onSettings);
  const teamSaver = useSavedChoice<BuiltInSpecialistId[]>(settings.agents.enabledSpecialists, onSettings);
  const enabled = teamSaver.value;
  const builtIn = (team.config?.specialists ?? []).flatMap((s) => (isBuiltInSpecialist(s.id) ? [{ ...s, id: s.id }] : []));
  const defaultPattern = patternSaver.value;
  const busy = patternSaver.saving || teamSaver.saving;

  const maxTurns = useAutoSavedText<number>({
    saved: String(settings.agents.maxTurns),
    check: wholeNumber(1, 50),
    patch: (value) => ({ agents: { maxTurns: value } }),
    onSettings,
    textOf: (s: Settings) => String(s.agents.maxTurns),
  });
  const asks = useAutoSavedText<number>({
    saved: String(settings.agents.asksPerMinute),
    check: wholeNumber(1, 1000),
    patch: (value) => ({ agents: { asksPerMinute: value } }),
    onSettings,
    textOf: (s: Settings) => String(s.agents.asksPerMinute),
  });

  function toggle(specialist: BuiltInSpecialistId, on: boolean) {
    // In the team's order, so the settings file lists them the same way every time.
    const order = builtIn.map((s) => s.id);
    const next = order.filter((s) => (s === specialist ? on : enabled.includes(s)));
    if (next.length === 0) {
      teamSaver.fail(t('team.keepOne'));
      return;
    }
    void teamSaver.choose(next, { agents: { enabledSpecialists: next } });
  }

  const patterns = team.config?.patterns ?? [];
  // FROK's own five; the person's MCP servers are switched on and off in Settings → Tools.
  const specialists = builtIn;

  return (
    <section className="card" aria-labelledby="settings-specialists-title" data-testid="settings-specialists">
      <h2 id="settings-specialists-title">{t('team.title')}</h2>
      {team.phase === 'failed' && (
        <p className="message error" role="alert">
          {team.error}{' '}
          <button type="button" className="link-button" onClick={team.reload}>
            {t('common:actions.retry')}
          </button>
        </p>
      )}
      {team.phase === 'loading' && <p className="hint">{t('team.loading')}</p>}

      {patterns.length > 0 && (
        <fieldset className="field-group">
          <legend>{t('team.patternLegend')}</legend>
          {patterns.map((p) => (
            <label key={p.id} className="choice choice-described">
              <input
                type="radio"
                name={`${id}-pattern`}
                value={p.id}
                checked={defaultPattern === p.id}
                disabled={busy}
                onChange={() => void patternSaver.choose(p.id as AgentPattern, { agents: { defaultPattern: p.id as AgentPattern } })}
                data-testid={`settings-pattern-${p.id}`}
              />
              <span>
                <span className="choice-title">{p.label}</span>
                <span className="hint">{p.description}</span>
              </span>
            </label>
          ))}
          <SaveStatusText status={patternSaver.status} testId="settings-pattern-status" />
        </fieldset>
      )}

      {specialists.length > 0 && (
        <fieldset className="field-group">
          <legend>{t('team.whoLegend')}</legend>
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
                    disabled={busy}
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
                          {t('team.unavailable', { reason: s.unavailableReason })}
                        </span>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
          <SaveStatusText status={teamSaver.status} testId="settings-specialists-status" />
        </fieldset>
      )}

      <div className="subpanel">
        <h3>{t('team.limitsTitle')}</h3>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-max-turns`}>{t('team.maxTurnsLabel')}</label>
            <input
              id={`${id}-max-turns`}
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              step={1}
              {...maxTurns.inputProps}
              aria-describedby={`${id}-max-turns-hint`}
              data-testid="settings-max-turns"
            />
            <p className="hint" id={`${id}-max-turns-hint`}>
              {t('team.maxTurnsHint')}
            </p>
            <SaveStatusText status={maxTurns.status} problem={maxTurns.problem} testId="settings-max-turns-status" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-asks`}>{t('team.asksLabel')}</label>
            <input
              id={`${id}-asks`}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              step={1}
              {...asks.inputProps}
              aria-describedby={`${id}-asks-hint`}
              data-testid="settings-asks-per-minute"
            />
            <p className="hint" id={`${id}-asks-hint`}>
              {t('team.asksHint')}
            </p>
            <SaveStatusText status={asks.status} problem={asks.problem} testId="settings-asks-per-minute-status" />
          </div>
        </div>
      </div>
    </section>
  );
}

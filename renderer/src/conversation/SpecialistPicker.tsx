/**
 * Which specialists may help with the next question: a switch each, with what it does in
 * words beside it. One that cannot work right now (Home Assistant not set up…) says why
 * beside it, and its switch is disabled and reads as off: it cannot help, whatever was
 * chosen before.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig, SpecialistInfo } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { shortSpecialistName } from '../activity/specialist-label';
import { toggleSpecialist } from './conversation-model';

export interface SpecialistPickerProps {
  chosen: SpecialistId[];
  onChange(ids: SpecialistId[]): void;
  config: AgentConfig | null;
}

/** The chosen specialists that can actually help (all chosen ones until the team is known). */
export function usableSpecialists(chosen: readonly SpecialistId[], config: AgentConfig | null): SpecialistId[] {
  if (!config) return [...chosen];
  return chosen.filter((id) => config.specialists.some((s) => s.id === id && s.available));
}

const BUILT_IN = new Set(['home', 'memory', 'research', 'code', 'general']);

export function SpecialistPicker({ chosen, onChange, config }: SpecialistPickerProps) {
  const { t } = useTranslation('composer');
  const id = useId();
  // Until main answers there is nothing to pick from; the chosen ones still apply.
  const team = config?.specialists ?? [];
  const order = team.map((s) => s.id);

  // FROK's own specialists are described in the person's language; a server's in its own words.
  const describe = (s: SpecialistInfo) => (BUILT_IN.has(s.id) ? t(`team.description.${s.id}`) : s.description);

  return (
    <fieldset className="specialist-picker" data-testid="ask-specialists">
      <legend>{t('team.legend')}</legend>
      <p className="hint specialist-picker-hint">{t('team.hint')}</p>
      {team.length === 0 && <p className="hint">{t('team.loading')}</p>}
      <ul className="specialist-list">
        {team.map((s) => {
          const on = s.available && chosen.includes(s.id);
          const reason = s.available ? null : s.unavailableReason ? t('team.unavailable', { reason: s.unavailableReason }) : t('team.unavailableUnknown');
          const rowId = `${id}-${s.id.replace(/[^\w-]/g, '_')}`;
          return (
            <li key={s.id} className={`specialist-row${reason ? ' unavailable' : ''}`}>
              {/* A switch drawn on a real checkbox (styles.css, input.switch): native keyboard and state for assistive tech. */}
              <input
                type="checkbox"
                role="switch"
                id={`${rowId}-switch`}
                className="switch"
                checked={on}
                aria-describedby={`${rowId}-about`}
                disabled={!s.available}
                onChange={() => onChange(toggleSpecialist(chosen, s.id, order))}
                data-testid={`ask-specialist-${s.id}`}
                data-available={s.available ? 'true' : 'false'}
              />
              <span className="specialist-row-text">
                <label htmlFor={`${rowId}-switch`} className="specialist-row-name">
                  {shortSpecialistName(s.id, config)}
                </label>
                <span id={`${rowId}-about`} className="specialist-row-about">
                  {reason ? (
                    <span className="specialist-row-reason" data-testid={`ask-specialist-${s.id}-reason`}>
                      {reason}
                    </span>
                  ) : (
                    describe(s)
                  )}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

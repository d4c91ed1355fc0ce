/**
 * Which specialists may help with the next question: one toggle each. One that cannot
 * work right now (Home Assistant not set up…) is greyed with the reason; it can stay on,
 * so FROK can tell the person why it could not act rather than staying silent.
 */
import type { AgentConfig } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { shortSpecialistName } from '../activity/specialist-label';
import { toggleSpecialist } from './conversation-model';

export interface SpecialistPickerProps {
  chosen: SpecialistId[];
  onChange(ids: SpecialistId[]): void;
  config: AgentConfig | null;
}

export function SpecialistPicker({ chosen, onChange, config }: SpecialistPickerProps) {
  // Until main answers there is nothing to pick from; the chosen ones still apply.
  const team = config?.specialists ?? [];
  const order = team.map((s) => s.id);
  return (
    <div role="group" aria-label="Specialists who may help" className="specialist-picker">
      {team.map((s) => {
        const on = chosen.includes(s.id);
        const reason = s.available ? null : (s.unavailableReason ?? 'Unavailable right now.');
        return (
          <button
            key={s.id}
            type="button"
            className={`chip toggle${reason ? ' unavailable' : ''}`}
            aria-pressed={on}
            title={reason ?? s.description}
            onClick={() => onChange(toggleSpecialist(chosen, s.id, order))}
            data-testid={`ask-specialist-${s.id}`}
            data-available={reason ? 'false' : 'true'}
          >
            {shortSpecialistName(s.id, config)}
            {reason && <span className="visually-hidden">{` (unavailable: ${reason})`}</span>}
          </button>
        );
      })}
    </div>
  );
}

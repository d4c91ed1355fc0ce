import type { AgentConfig } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { i18next } from '../i18n';

/** Until the team is loaded, a name made from the id: "memory" → "Memory". */
function fromId(id: SpecialistId): string {
  return `${id[0]!.toUpperCase()}${id.slice(1)}`;
}

/** The specialist's name as main reports it ("Memory specialist"), or one made from its id until the team is loaded. */
export function specialistName(id: SpecialistId, config: AgentConfig | null | undefined): string {
  const known = config?.specialists.find((s) => s.id === id)?.name;
  if (known) return known;
  // One of the person's MCP servers: its name is known once the team is loaded; until then, its id.
  if (id.startsWith('mcp:')) return id.slice(4);
  return i18next.t('activity:units.specialist', { name: fromId(id) });
}

/** "Memory" rather than "Memory specialist", where the context already says they are specialists. */
export function shortSpecialistName(id: SpecialistId, config: AgentConfig | null | undefined): string {
  const known = config?.specialists.find((s) => s.id === id)?.name;
  if (known) return known.replace(/\s+specialist$/i, '');
  return id.startsWith('mcp:') ? id.slice(4) : fromId(id);
}

/** "Voice" or "Typed": text, so it reads the same to everyone. */
import { useTranslation } from 'react-i18next';
import type { ConversationKind } from '@shared/history';
import { kindLabel } from './history-model';

export function KindBadge({ kind }: { kind: ConversationKind }) {
  // Re-renders when the language changes.
  useTranslation('history');
  return (
    <span className={`history-kind ${kind}`} data-testid="history-kind" data-kind={kind}>
      {kindLabel(kind)}
    </span>
  );
}

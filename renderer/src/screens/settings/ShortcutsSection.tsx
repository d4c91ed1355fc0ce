/**
 * Settings → Keyboard shortcuts: every shortcut FROK has (shared/shortcuts.ts, the same
 * table the window and the Help menu use), with the keys as this platform writes them —
 * ⌘ on a Mac, Ctrl (Strg) elsewhere — and the hotkeys as the person set them.
 */
import { useTranslation } from 'react-i18next';
import { MAC_SYMBOLS, resolveShortcuts, shortcutParts, type ShortcutPart } from '@shared/shortcuts';
import type { Settings } from '@shared/settings';
import './ShortcutsSection.css';

export interface ShortcutsSectionProps {
  settings: Settings;
  /** process.platform of main: "darwin" shows ⌘ and ⌥. */
  platform: string;
}

function Keys({ accelerator, platform }: { accelerator: string; platform: string }) {
  const { t } = useTranslation('keyboard');
  const mac = platform === 'darwin';
  const label = (p: ShortcutPart) =>
    p.kind === 'key' ? t(`keys.${p.key}`, { defaultValue: p.key })
    : mac ? MAC_SYMBOLS[p.modifier]
    : p.modifier === 'meta' && platform === 'win32' ? t('keys.metaWindows')
    : t(`keys.${p.modifier}`);
  const parts = shortcutParts(accelerator, platform);
  return (
    <span className="shortcut-keys">
      {parts.map((p, i) => (
        <span key={i} className="shortcut-key-group">
          {i > 0 && !mac && (
            <span className="shortcut-plus" aria-hidden="true">
              +
            </span>
          )}
          <kbd>
            {mac && p.kind === 'modifier' ? (
              <>
                {/* A screen reader would read ⌘ as "place of interest". */}
                <span aria-hidden="true">{label(p)}</span>
                <span className="visually-hidden">{`${t(`spoken.${p.modifier}`)} `}</span>
              </>
            ) : (
              label(p)
            )}
          </kbd>
        </span>
      ))}
    </span>
  );
}

export function ShortcutsSection({ settings, platform }: ShortcutsSectionProps) {
  const { t } = useTranslation('keyboard');
  const shortcuts = resolveShortcuts(settings.hotkeys);
  return (
    <section className="card" aria-labelledby="settings-shortcuts-title" data-testid="settings-shortcuts">
      <h2 id="settings-shortcuts-title">{t('section.title')}</h2>
      <p className="hint">{t('section.intro')}</p>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('section.action')}</th>
            <th scope="col">{t('section.keys')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.id} data-testid={`shortcut-${s.id}`}>
              <th scope="row">
                <span className="shortcut-name">{t(`shortcuts.${s.id}.name`)}</span>
                <span className="hint shortcut-description">{t(`shortcuts.${s.id}.description`)}</span>
              </th>
              <td data-testid={`shortcut-${s.id}-keys`}>
                <Keys accelerator={s.accelerator} platform={platform} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('section.hotkeyNote')}</p>
    </section>
  );
}

/**
 * The way forward beside an error, by its code: no credit → OpenAI's billing page (in the
 * system browser), can't reach the server → Settings → Provider (where the base URL is),
 * key rejected → Settings → Account. Main's message says what happened; this is the link
 * that leads there.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExternalLink } from 'lucide-react';
import { call, errorMessage } from '../ipc';
import { openScreen } from '../navigation';

/** Where an OpenAI account gets credit (Settings → Billing on platform.openai.com). */
export const OPENAI_BILLING_URL = 'https://platform.openai.com/settings/organization/billing';

type Help = { kind: 'external'; url: string; label: 'billing' } | { kind: 'settings'; section: 'provider' | 'account'; label: 'provider' | 'account' };

/** The help an error code has, or null. Exported for tests. */
export function helpFor(code: string | null | undefined): Help | null {
  switch (code) {
    case 'model_no_credit':
    case 'voice_no_credit':
      return { kind: 'external', url: OPENAI_BILLING_URL, label: 'billing' };
    case 'model_unreachable':
    case 'model_not_found':
      return { kind: 'settings', section: 'provider', label: 'provider' };
    case 'model_unauthorized':
    case 'no_api_key':
      return { kind: 'settings', section: 'account', label: 'account' };
    default:
      return null;
  }
}

export function ErrorHelp({ code, testId = 'error-help' }: { code: string | null | undefined; testId?: string }) {
  const { t } = useTranslation('errors');
  const [problem, setProblem] = useState<string | null>(null);
  const help = helpFor(code);
  if (!help) return null;

  if (help.kind === 'settings') {
    return (
      <button type="button" className="button secondary small" onClick={() => openScreen('settings', help.section)} data-testid={testId}>
        {t(`help.${help.label}`)}
      </button>
    );
  }
  async function open(url: string) {
    setProblem(null);
    try {
      await call('shell:openExternal', { url });
    } catch (err) {
      setProblem(t('help.openFailed', { message: errorMessage(err) }));
    }
  }
  return (
    <>
      <a
        href={help.url}
        className="button secondary small"
        onClick={(event) => {
          // The system browser opens it; the window itself never navigates away.
          event.preventDefault();
          void open(help.url);
        }}
        data-testid={testId}
      >
        {t(`help.${help.label}`)}
        <ExternalLink aria-hidden="true" focusable="false" size={14} strokeWidth={2} />
        <span className="visually-hidden"> ({t('help.billingHint')})</span>
      </a>
      {problem && (
        <span className="message error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

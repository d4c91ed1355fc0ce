/**
 * Settings → Tools → Add a server / Edit: a command FROK runs on this computer, or a remote
 * server by its address. Checked here first (errors next to the field), then saved with
 * `mcp:save`; secret values travel only in that request and the form forgets them after.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpServerView } from '@shared/mcp';
import { FormMessage, type FormMessageValue } from '../../../components/FormMessage';
import { call, errorMessage } from '../../../ipc';
import { KeyValueRows } from './KeyValueRows';
import { checkDraft, type DraftField, type ServerDraft } from './tools-model';

export interface ServerFormProps {
  initial: ServerDraft;
  /** Ids of the other servers (a new server's id must differ). */
  takenIds: readonly string[];
  onSaved(view: McpServerView): void;
  onCancel(): void;
}

function FieldError({ id, text, testId }: { id: string; text: string | undefined; testId: string }) {
  if (!text) return null;
  return (
    <p className="field-error" id={id} data-testid={testId}>
      {text}
    </p>
  );
}

export function ServerForm({ initial, takenIds, onSaved, onCancel }: ServerFormProps) {
  const { t } = useTranslation(['tools', 'common']);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ServerDraft>(initial);
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const editing = initial.base !== null;
  const wasRemote = initial.base !== null && initial.base.target.transport !== 'stdio';

  const edit = (change: Partial<ServerDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setMessage(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const check = checkDraft(draft, takenIds);
    if (!check.ok) {
      setErrors(check.errors);
      setMessage({ tone: 'error', text: t('form.fixFields') });
      // Take the person to the first problem.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setSaving(true);
    setMessage(null);
    try {
      const view = await call('mcp:save', { server: check.config, ...(check.secrets ? { secrets: check.secrets } : {}) });
      onSaved(view);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  const invalid = (field: DraftField) => (errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {});
  const err = (field: DraftField) => <FieldError id={`${id}-${field}-error`} text={errors[field]} testId={`tools-form-error-${field}`} />;
  const field = (label: ReactNode, input: ReactNode, name: string, hint?: ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {hint}
    </div>
  );

  return (
    <form ref={formRef} className="subpanel tools-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`} data-testid="tools-form">
      <h3 id={`${id}-title`}>{editing ? t('form.titleEdit', { name: initial.base?.name ?? t('form.fallbackName') }) : t('form.titleAdd')}</h3>
      {field(
        t('form.name'),
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          placeholder={t('form.namePlaceholder')}
          value={draft.name}
          onChange={(e) => edit({ name: e.target.value })}
          {...invalid('name')}
          data-testid="tools-form-name"
        />,
        'name',
        err('name'),
      )}

      <fieldset className="field-group">
        <legend>{t('form.kindLegend')}</legend>
        <div className="tools-choice-row">
          <label className="choice">
            <input type="radio" name={`${id}-kind`} checked={draft.kind === 'local'} onChange={() => edit({ kind: 'local' })} data-testid="tools-form-kind-local" />
            {t('form.kindLocal')}
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-kind`} checked={draft.kind === 'remote'} onChange={() => edit({ kind: 'remote' })} data-testid="tools-form-kind-remote" />
            {t('form.kindRemote')}
          </label>
        </div>
      </fieldset>

      {draft.kind === 'local' ? (
        <>
          {field(
            t('form.command'),
            <input
              id={`${id}-command`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="npx"
              value={draft.command}
              onChange={(e) => edit({ command: e.target.value })}
              {...invalid('command')}
              data-testid="tools-form-command"
            />,
            'command',
            errors.command ? err('command') : <p className="hint">{t('form.commandHint')}</p>,
          )}
          <div className="field">
            <div className="tools-label-row">
              <label htmlFor={`${id}-args`}>
                {t('form.arguments')} <span className="optional">{t('form.optional')}</span>
              </label>
              <label className="tools-inline-select">
                <span className="visually-hidden">{t('form.argsModeLabel')}</span>
                <select value={draft.argsMode} onChange={(e) => edit({ argsMode: e.target.value as ServerDraft['argsMode'] })} data-testid="tools-form-args-mode">
                  <option value="lines">{t('form.argsModeLines')}</option>
                  <option value="shell">{t('form.argsModeShell')}</option>
                </select>
              </label>
            </div>
            <textarea
              id={`${id}-args`}
              rows={draft.argsMode === 'lines' ? 3 : 1}
              spellCheck={false}
              placeholder={draft.argsMode === 'lines' ? '-y\n@modelcontextprotocol/server-filesystem\n/Users/me/Documents' : "-y @modelcontextprotocol/server-filesystem '/Users/me/My Documents'"}
              value={draft.argsText}
              onChange={(e) => edit({ argsText: e.target.value })}
              {...invalid('args')}
              data-testid="tools-form-args"
            />
            {err('args')}
          </div>
          {field(
            <>
              {t('form.workingFolder')} <span className="optional">{t('form.optional')}</span>
            </>,
            <input
              id={`${id}-cwd`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.cwd}
              onChange={(e) => edit({ cwd: e.target.value })}
              aria-describedby={`${id}-cwd-hint`}
              data-testid="tools-form-cwd"
            />,
            'cwd',
            <p className="hint" id={`${id}-cwd-hint`}>
              {t('form.workingFolderHint')}
            </p>,
          )}
          <KeyValueRows kind="env" rows={draft.env} stored={wasRemote ? [] : draft.secretsSet.env} errors={errors} onChange={(env) => edit({ env })} />
        </>
      ) : (
        <>
          {field(
            t('form.address'),
            <input
              id={`${id}-url`}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://example.com/mcp"
              value={draft.url}
              onChange={(e) => edit({ url: e.target.value })}
              {...invalid('url')}
              data-testid="tools-form-url"
            />,
            'url',
            err('url'),
          )}
          <fieldset className="field-group">
            <legend>{t('form.protocol')}</legend>
            <div className="tools-choice-row">
              <label className="choice">
                <input
                  type="radio"
                  name={`${id}-transport`}
                  checked={draft.remoteTransport === 'http'}
                  onChange={() => edit({ remoteTransport: 'http' })}
                  data-testid="tools-form-transport-http"
                />
                {t('form.transportHttp')}
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name={`${id}-transport`}
                  checked={draft.remoteTransport === 'sse'}
                  onChange={() => edit({ remoteTransport: 'sse' })}
                  data-testid="tools-form-transport-sse"
                />
                {t('form.transportSse')}
              </label>
            </div>
          </fieldset>
          <KeyValueRows kind="headers" rows={draft.headers} stored={wasRemote ? draft.secretsSet.headers : []} errors={errors} onChange={(headers) => edit({ headers })} />
          {field(
            <>
              {t('form.bearer')} <span className="optional">{t('form.optional')}</span>
            </>,
            <input
              id={`${id}-bearer`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={t(wasRemote && draft.secretsSet.bearerToken ? 'form.bearerPlaceholderSet' : 'form.bearerPlaceholder')}
              value={draft.bearerToken}
              onChange={(e) => edit({ bearerToken: e.target.value })}
              {...invalid('bearerToken')}
              aria-describedby={errors.bearerToken ? `${id}-bearerToken-error` : `${id}-bearer-hint`}
              data-testid="tools-form-bearer"
            />,
            'bearer',
            errors.bearerToken ? (
              err('bearerToken')
            ) : (
              <p className="hint" id={`${id}-bearer-hint`}>
                {t(wasRemote && draft.secretsSet.bearerToken ? 'form.bearerHintSet' : 'form.bearerHint')}
              </p>
            ),
          )}
          {wasRemote && draft.secretsSet.bearerToken && (
            <label className="tools-check">
              <input type="checkbox" checked={draft.removeBearerToken} onChange={(e) => edit({ removeBearerToken: e.target.checked })} data-testid="tools-form-bearer-remove" />
              {t('form.bearerRemove')}
            </label>
          )}
        </>
      )}

      <details className="settings-advanced">
        <summary>{t('form.advanced')}</summary>
        {draft.kind === 'remote' &&
          field(
            <>
              {t('form.oauthClientId')} <span className="optional">{t('form.optional')}</span>
            </>,
            <input
              id={`${id}-oauth`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.oauthClientId}
              onChange={(e) => edit({ oauthClientId: e.target.value })}
              {...invalid('oauthClientId')}
              aria-describedby={errors.oauthClientId ? `${id}-oauthClientId-error` : `${id}-oauth-hint`}
              data-testid="tools-form-oauth-client"
            />,
            'oauth',
            errors.oauthClientId ? (
              err('oauthClientId')
            ) : (
              <p className="hint" id={`${id}-oauth-hint`}>
                {t('form.oauthHint')}
              </p>
            ),
          )}
        {field(
          t('form.timeout'),
          <input
            id={`${id}-timeout`}
            type="text"
            inputMode="numeric"
            className="field-narrow"
            value={draft.callTimeoutSeconds}
            onChange={(e) => edit({ callTimeoutSeconds: e.target.value })}
            {...invalid('callTimeoutSeconds')}
            data-testid="tools-form-timeout"
          />,
          'timeout',
          err('callTimeoutSeconds'),
        )}
        <label className="tools-check">
          <input type="checkbox" checked={draft.startAtLaunch} onChange={(e) => edit({ startAtLaunch: e.target.checked })} data-testid="tools-form-start-at-launch" />
          {t('form.startAtLaunch')}
        </label>
      </details>

      <FormMessage value={message} testId="tools-form-message" />
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="tools-form-save">
          {saving ? t('common:actions.saving') : editing ? t('form.saveChanges') : t('form.addServer')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} disabled={saving} data-testid="tools-form-cancel">
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}

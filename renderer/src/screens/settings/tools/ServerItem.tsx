/**
 * One server in Settings → Tools: its name and on/off switch, its state in words (announced
 * when it changes), what it needs from the person (approve its command line, sign in),
 * Test connection, Edit, Remove, when to ask before its tools run, and each tool's switch.
 * Every change is saved at once with `mcp:save`; main's answer (and later `mcp:changed`)
 * is what the list shows.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpApprovalPolicy, McpServerConfig, McpServerView, McpToolInfo } from '@shared/mcp';
import { FormMessage, type FormMessageValue } from '../../../components/FormMessage';
import { call, errorMessage } from '../../../ipc';
import { ServerForm } from './ServerForm';
import {
  approvalChoices,
  approvalShortLabel,
  countTools,
  describeStatus,
  describeTarget,
  draftFromView,
  targetKey,
  toolsToShow,
  withApproval,
  withEnabled,
  withToolApproval,
  withToolEnabled,
} from './tools-model';

export interface ServerItemProps {
  view: McpServerView;
  takenIds: readonly string[];
  onView(view: McpServerView): void;
  onRemoved(id: string): void;
}

type Busy = 'save' | 'test' | 'approve' | 'sign-in' | 'remove' | null;

export function ServerItem({ view, takenIds, onView, onRemoved }: ServerItemProps) {
  const { t } = useTranslation('tools');
  const id = useId();
  const { config } = view;
  const [busy, setBusy] = useState<Busy>(null);
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<McpServerConfig | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [testResult, setTestResult] = useState<FormMessageValue | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [toolsOpen, setToolsOpen] = useState(false);
  const shown = pending ?? config;
  // The tools as last listed: a save resets the connection and main lists none until it reconnects.
  const [lastSeen, setLastSeen] = useState<{ target: string; tools: McpToolInfo[] } | null>(null);
  if (view.tools.length > 0 && lastSeen?.tools !== view.tools) setLastSeen({ target: targetKey(config), tools: view.tools });
  const { tools, remembered } = toolsToShow({ config: shown, tools: view.tools }, lastSeen);
  // An idle server being tested (or just approved) is starting; main says so only once it has.
  const status = (busy === 'test' || busy === 'approve') && view.state === 'idle' ? { text: t('server.starting'), tone: 'busy' as const } : describeStatus(view);

  async function run(kind: Exclude<Busy, null>, action: () => Promise<McpServerView | null>) {
    if (busy) return;
    setBusy(kind);
    setMessage(null);
    try {
      const next = await action();
      if (next) onView(next);
      return next;
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
      return null;
    } finally {
      setBusy(null);
      setPending(null);
    }
  }

  const save = (next: McpServerConfig) => {
    if (busy) return;
    setPending(next);
    setTestResult(null);
    return run('save', () => call('mcp:save', { server: next }));
  };

  async function test() {
    setTestResult(null);
    showTested(await run('test', () => call('mcp:test', { id: config.id })));
  }

  /** Approval only records the OK; starting it is what the person asked for, so it is tested (started) right after. */
  async function approveAndStart() {
    setTestResult(null);
    const commandLine = view.commandLine ?? '';
    const next = await run('approve', async () => {
      onView(await call('mcp:approveCommand', { id: config.id, commandLine }));
      return call('mcp:test', { id: config.id });
    });
    // A failure is in the status line already; only an unexpected state needs a word here.
    if (next?.state === 'connected') setToolsOpen(true);
    else if (next && next.state !== 'failed') showTested(next);
  }

  function showTested(next: McpServerView | null | undefined) {
    if (!next) return;
    if (next.state === 'connected') {
      setTestResult({ tone: 'success', text: t('server.testConnected', { tools: countTools(next.tools.length) }) });
      setToolsOpen(true);
    } else if (next.state === 'needs-command-approval') {
      setTestResult({ tone: 'error', text: t('server.testNeedsApproval') });
    } else if (next.state === 'failed') {
      setTestResult({ tone: 'error', text: t('server.testFailed') });
    } else {
      setTestResult({ tone: 'error', text: describeStatus(next).text });
    }
  }

  async function remove() {
    if (busy) return;
    setBusy('remove');
    setMessage(null);
    try {
      await call('mcp:remove', { id: config.id });
      onRemoved(config.id);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
      setBusy(null);
    }
  }

  const statusClass = `tools-status tone-${status.tone}`;

  return (
    <li className="tools-server" data-testid={`tools-server-${config.id}`} data-state={view.state}>
      <div className="tools-server-head">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={shown.enabled}
          onChange={(e) => void save(withEnabled(config, e.target.checked))}
          aria-label={t('server.use', { name: config.name })}
          data-testid="tools-server-enabled"
        />
        <div className="tools-server-title">
          <h3 id={`${id}-name`} data-testid="tools-server-name">
            {config.name}
          </h3>
          <p className="hint tools-target">{describeTarget(config)}</p>
        </div>
      </div>

      <p className={statusClass} role="status" aria-live="polite" data-testid="tools-server-status">
        {status.tone === 'busy' && <span className="spinner" aria-hidden="true" />}
        {status.text}
      </p>

      {view.state === 'failed' && view.stderrTail.length > 0 && (
        <details className="tools-stderr" data-testid="tools-server-stderr">
          <summary>{t('server.stderr')}</summary>
          <pre>{view.stderrTail.join('\n')}</pre>
        </details>
      )}

      {view.state === 'needs-command-approval' && (
        <div className="tools-needs" data-testid="tools-server-command-approval">
          <p>{t('server.commandApproval')}</p>
          <pre className="tools-command-line" data-testid="tools-server-command-line">
            {view.commandLine ?? describeTarget(config)}
          </pre>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy !== null || !view.commandLine}
              onClick={() => void approveAndStart()}
              data-testid="tools-server-allow"
            >
              {busy === 'approve' ? t('server.starting') : t('server.allow')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy !== null}
              onClick={() => void save(withEnabled(config, false))}
              aria-label={t('server.cancelLabel', { name: config.name })}
              data-testid="tools-server-cancel-command"
            >
              {t('server.cancel')}
            </button>
          </div>
        </div>
      )}

      {view.state === 'needs-sign-in' && (
        <div className="tools-needs" data-testid="tools-server-needs-sign-in">
          {view.message && <p>{view.message}</p>}
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy !== null}
              onClick={() => void run('sign-in', () => call('mcp:signIn', { id: config.id }))}
              data-testid="tools-server-sign-in"
            >
              {busy === 'sign-in' ? t('server.waitingForBrowser') : t('server.signIn', { name: config.name })}
            </button>
          </div>
        </div>
      )}

      <FormMessage value={message} testId="tools-server-message" />
      <FormMessage value={testResult} testId="tools-server-test-result" />

      <div className="actions tools-server-actions">
        <button type="button" className="button secondary small" disabled={busy !== null} onClick={() => void test()} data-testid="tools-server-test">
          {busy === 'test' ? t('server.testing') : t('server.test')}
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={busy !== null}
          aria-expanded={editing}
          onClick={() => setEditing((e) => !e)}
          aria-label={t('server.editLabel', { name: config.name })}
          data-testid="tools-server-edit"
        >
          {t('server.edit')}
        </button>
        {!confirmingRemove && (
          <button
            type="button"
            className="button danger small"
            disabled={busy !== null}
            onClick={() => setConfirmingRemove(true)}
            aria-label={t('server.removeLabel', { name: config.name })}
            data-testid="tools-server-remove"
          >
            {t('server.remove')}
          </button>
        )}
      </div>

      {confirmingRemove && (
        <div className="tools-confirm" role="group" aria-labelledby={`${id}-confirm`} data-testid="tools-server-remove-confirmation">
          <p id={`${id}-confirm`}>{t('server.removeConfirm', { name: config.name })}</p>
          <div className="actions">
            <button type="button" className="button danger" disabled={busy !== null} onClick={() => void remove()} data-testid="tools-server-remove-confirm">
              {busy === 'remove' ? t('server.removing') : t('server.removeLabel', { name: config.name })}
            </button>
            <button type="button" className="button secondary" disabled={busy !== null} onClick={() => setConfirmingRemove(false)} autoFocus data-testid="tools-server-remove-keep">
              {t('server.keep')}
            </button>
          </div>
        </div>
      )}

      {editing && (
        <ServerForm
          initial={draftFromView(view)}
          takenIds={takenIds}
          onSaved={(next) => {
            onView(next);
            setEditing(false);
            setMessage({ tone: 'success', text: t('server.saved') });
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      <fieldset className="field-group tools-approval" aria-busy={busy === 'save' ? true : undefined}>
        <legend>{t('server.approvalLegend')}</legend>
        {approvalChoices().map((choice) => (
          <label key={choice.value} className="choice tools-approval-choice">
            <input
              type="radio"
              name={`${id}-approval`}
              value={choice.value}
              checked={shown.approval === choice.value}
              onChange={() => void save(withApproval(config, choice.value))}
              aria-describedby={`${id}-approval-${choice.value}`}
              data-testid={`tools-server-approval-${choice.value}`}
            />
            <span>
              <span className="tools-choice-label">{choice.label}</span>
              <span className="hint tools-choice-explanation" id={`${id}-approval-${choice.value}`}>
                {choice.explanation}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      {tools.length > 0 ? (
        <details className="tools-tools" open={toolsOpen} onToggle={(e) => setToolsOpen(e.currentTarget.open)} data-testid="tools-server-tools">
          <summary>
            {t('server.toolsSummary', { total: tools.length, on: tools.filter((tool) => !shown.disabledTools.includes(tool.name)).length })}
          </summary>
          {remembered && <p className="hint">{t('server.remembered')}</p>}
          <ul className="tools-tool-list">
            {tools.map((tool) => (
              <ToolRow key={tool.name} tool={tool} config={shown} onChange={(next) => void save(next)} />
            ))}
          </ul>
        </details>
      ) : (
        <p className="hint" data-testid="tools-server-no-tools">
          {t(view.state === 'connected' ? 'server.noTools' : 'server.toolsLater')}
        </p>
      )}
    </li>
  );
}

/** One tool: its switch and its own approval choice. Not disabled while a change saves (that would take the keyboard focus away); a change made meanwhile is ignored. */
function ToolRow({ tool, config, onChange }: { tool: McpToolInfo; config: McpServerConfig; onChange(next: McpServerConfig): void }) {
  const { t } = useTranslation('tools');
  const id = useId();
  const enabled = !config.disabledTools.includes(tool.name);
  const override = config.toolApprovals[tool.name] ?? null;
  const kind = tool.destructive ? t('tool.destructive') : tool.readOnly ? t('tool.readOnly') : null;
  return (
    <li className="tools-tool" data-testid={`tools-tool-${tool.name}`}>
      <input
        id={`${id}-on`}
        type="checkbox"
        role="switch"
        className="switch"
        checked={enabled}
        onChange={(e) => onChange(withToolEnabled(config, tool.name, e.target.checked))}
        aria-describedby={`${id}-description`}
        data-testid="tools-tool-enabled"
      />
      <div className="tools-tool-body">
        <label htmlFor={`${id}-on`} className="tools-tool-name">
          {tool.title}
          {tool.title !== tool.name && <code className="tools-tool-id"> {tool.name}</code>}
        </label>
        <p className="hint" id={`${id}-description`} data-testid="tools-tool-description">
          {tool.description || t('tool.noDescription')}
          {kind && <span className="tools-tool-kind"> · {kind}</span>}
        </p>
      </div>
      <label className="tools-inline-select">
        <span className="visually-hidden">{t('tool.whenToAsk', { tool: tool.title })}</span>
        <select
          value={override ?? ''}
          onChange={(e) => onChange(withToolApproval(config, tool.name, (e.target.value || null) as McpApprovalPolicy | null))}
          data-testid="tools-tool-approval"
        >
          <option value="">{t('tool.asServer', { choice: approvalShortLabel(config.approval) })}</option>
          {approvalChoices().map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}

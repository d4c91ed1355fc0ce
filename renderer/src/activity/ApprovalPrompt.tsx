/**
 * Asks the person before a sensitive action (unlock, open, disarm) on whatever screen is
 * open: a modal alert dialog, one approval at a time, closed when main reports the
 * decision. Escape denies — nothing sensitive happens unless the person says yes.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../ipc';
import { pendingApprovals, runById, type PendingApproval } from './activity-model';
import { useActivity } from './ActivityProvider';
import { describeToolCall } from './format';

export function ApprovalPrompt() {
  const activity = useActivity();
  // Decided here but not yet confirmed by main: hidden at once so a double click cannot answer twice.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const pending = pendingApprovals(activity).filter((a) => !decided.has(a.approvalId));
  const current = pending[0];
  if (!current) return null;
  return (
    <ApprovalDialog
      key={current.approvalId}
      approval={current}
      query={runById(activity, current.runId)?.query ?? ''}
      waiting={pending.length}
      onDecided={(approvalId) => setDecided((s) => new Set(s).add(approvalId))}
    />
  );
}

interface ApprovalDialogProps {
  approval: PendingApproval;
  query: string;
  /** How many approvals are waiting, this one included. */
  waiting: number;
  onDecided(approvalId: string): void;
}

/**
 * The sentence around the question, split where it goes, so the question (the person's own
 * words) is rendered as text in its own element: never parsed as markup, in any language.
 */
function around(sentence: string, marker: string): [string, string] {
  const at = sentence.indexOf(marker);
  return at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + marker.length)];
}
const QUERY_MARKER = '\u0000query\u0000';

function ApprovalDialog({ approval, query, waiting, onDecided }: ApprovalDialogProps) {
  const { t } = useTranslation(['activity', 'common']);
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const deny = useRef<HTMLButtonElement>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // Modal: the rest of the window is inert until the person answers. Focus starts on Deny,
  // the safe choice, and returns where it was afterwards.
  useEffect(() => {
    const el = dialog.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (el && !el.open) el.showModal();
    deny.current?.focus();
    return () => {
      if (el?.open) el.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  async function decide(approve: boolean) {
    if (sending) return;
    setSending(true);
    setProblem(null);
    try {
      await call('agent:approve', { runId: approval.runId, approvalId: approval.approvalId, approve });
      onDecided(approval.approvalId);
    } catch (err) {
      setProblem(errorMessage(err));
      setSending(false);
      if (dialog.current && !dialog.current.open) dialog.current.showModal();
    }
  }

  return (
    <dialog
      ref={dialog}
      className="approval-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-who`}
      data-testid="approval-prompt"
      onCancel={(e) => {
        e.preventDefault();
        void decide(false);
      }}
    >
      <p className="approval-eyebrow">
        {t('approval.eyebrow')}
        {waiting > 1 && <span data-testid="approval-count"> · {t('approval.position', { count: waiting })}</span>}
      </p>
      <h2 id={`${id}-title`} className="approval-action" data-testid="approval-action">
        {approval.description ?? t('approval.ask', { action: describeToolCall(approval.tool, approval.input) })}
      </h2>
      <p id={`${id}-who`} className="approval-who">
        <AskedBy agent={approval.agent} query={query} /> {t('approval.nothingUnless')}
      </p>
      {problem && (
        <p className="message error" role="alert" data-testid="approval-error">
          {problem}
        </p>
      )}
      <div className="approval-actions">
        {problem ? (
          <button type="button" className="button secondary" onClick={() => onDecided(approval.approvalId)} data-testid="approval-dismiss">
            {t('common:actions.close')}
          </button>
        ) : null}
        <button ref={deny} type="button" className="button secondary" onClick={() => void decide(false)} disabled={sending} data-testid="approval-deny">
          {t('approval.deny')}
        </button>
        <button type="button" className="button primary" onClick={() => void decide(true)} disabled={sending} data-testid="approval-approve">
          {t('approval.approve')}
        </button>
      </div>
    </dialog>
  );
}

/** "Asked by Home specialist while answering “Unlock the door”." */
function AskedBy({ agent, query }: { agent: string; query: string }) {
  const { t } = useTranslation('activity');
  if (!query) return <>{t('approval.askedBy', { agent })}</>;
  const [before, after] = around(t('approval.askedByWhile', { agent, query: QUERY_MARKER }), QUERY_MARKER);
  return (
    <>
      {before}
      <span className="approval-query">{query}</span>
      {after}
    </>
  );
}

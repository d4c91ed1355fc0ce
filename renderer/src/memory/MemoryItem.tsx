/**
 * One memory: what FROK remembers, its tags, when and by whom it was saved, and the
 * conversation it came from. Edit turns it into a form in place (Escape or Cancel
 * leaves it as it was); Delete asks once more before the memory is gone for good.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MemoryView } from '@shared/history';
import {
  describeOrigin,
  editProblem,
  FACT_MAX_CHARS,
  goneText,
  parseTags,
  savedByText,
  shortFact,
  tagsText,
  whenText,
} from './memory-model';

export type MemoryItemMode = 'view' | 'editing' | 'confirming-delete';

export interface MemoryItemProps {
  memory: MemoryView;
  mode: MemoryItemMode;
  /** Saving the edit or deleting: the controls wait. */
  busy: boolean;
  /** Another memory is being edited or deleted: this one's buttons wait. */
  locked: boolean;
  /** What main said was wrong with the edit (or the delete). */
  problem: string | null;
  onStartEdit(): void;
  onSave(fact: string, tags: string[]): void;
  onCancelEdit(): void;
  onAskDelete(): void;
  onConfirmDelete(): void;
  onCancelDelete(): void;
  onOpenConversation(conversationId: string): void;
}

export function MemoryItem(props: MemoryItemProps) {
  const { t } = useTranslation('memory');
  const { memory, mode } = props;
  const name = shortFact(memory.fact);
  const when = whenText(memory);
  const origin = describeOrigin(memory);

  return (
    <li className="memory-item" data-testid="memory-item" data-memory-id={memory.id}>
      {mode === 'editing' ? (
        <>
          <MemoryEditor memory={memory} busy={props.busy} problem={props.problem} onSave={props.onSave} onCancel={props.onCancelEdit} />
        </>
      ) : (
        <p className="memory-fact" data-testid="memory-fact">
          {memory.fact}
        </p>
      )}
      {mode !== 'editing' && memory.tags.length > 0 && (
        <ul className="chip-list memory-tags" aria-label={t('item.tags')} data-testid="memory-tags">
          {memory.tags.map((tag) => (
            <li key={tag} className="memory-tag" data-testid="memory-tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <p className="memory-meta">
        <span data-testid="memory-saved-by">{savedByText(memory)}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="memory-when">
          <Trans
            t={t}
            i18nKey={when.updated ? 'when.savedUpdated' : 'when.saved'}
            values={{ saved: when.saved, updated: when.updated ?? '' }}
            components={{ saved: <time dateTime={memory.createdAt} />, updated: <time dateTime={memory.updatedAt} /> }}
          />
        </span>
      </p>
      {origin.kind === 'conversation' && (
        <p className="memory-origin">
          <button
            type="button"
            className="link-button memory-origin-link"
            data-testid="memory-origin-link"
            aria-label={t('origin.open', { title: origin.title })}
            onClick={() => props.onOpenConversation(origin.conversationId)}
          >
            {t('origin.from', { title: origin.title })}
          </button>
        </p>
      )}
      {origin.kind === 'gone' && (
        <p className="memory-origin hint" data-testid="memory-origin-gone">
          {goneText()}
        </p>
      )}
      {mode === 'view' && (
        <div className="memory-actions">
          <button
            type="button"
            className="button secondary small"
            data-testid="memory-edit"
            data-memory-edit={memory.id}
            disabled={props.locked}
            aria-label={t('item.editNamed', { fact: name })}
            onClick={props.onStartEdit}
          >
            {t('item.edit')}
          </button>
          <button
            type="button"
            className="button danger small"
            data-testid="memory-delete"
            data-memory-delete={memory.id}
            disabled={props.locked}
            aria-label={t('item.deleteNamed', { fact: name })}
            onClick={props.onAskDelete}
          >
            {t('common:actions.delete')}
          </button>
        </div>
      )}
      {mode === 'confirming-delete' && (
        <DeleteConfirm name={name} busy={props.busy} problem={props.problem} memoryId={memory.id} onConfirm={props.onConfirmDelete} onCancel={props.onCancelDelete} />
      )}
    </li>
  );
}

function MemoryEditor(props: { memory: MemoryView; busy: boolean; problem: string | null; onSave(fact: string, tags: string[]): void; onCancel(): void }) {
  const { t } = useTranslation('memory');
  const { memory } = props;
  const [fact, setFact] = useState(memory.fact);
  const [tags, setTags] = useState(tagsText(memory.tags));
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const problem = localProblem ?? props.problem;

  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  // Main's answer is about this wording; once the person changes it, let them try again.
  useEffect(() => {
    if (props.problem) textarea.current?.focus();
  }, [props.problem]);

  function save() {
    const parsed = parseTags(tags);
    const wrong = editProblem(fact, parsed);
    setLocalProblem(wrong);
    if (wrong) {
      textarea.current?.focus();
      return;
    }
    props.onSave(fact.trim(), parsed);
  }

  return (
    <form
      className="memory-editor"
      data-testid="memory-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          if (!props.busy) props.onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          if (!props.busy) save();
        }
      }}
    >
      <label htmlFor={`${id}-fact`}>{t('editor.fact')}</label>
      <textarea
        ref={textarea}
        id={`${id}-fact`}
        className="memory-editor-fact"
        data-testid="memory-edit-fact"
        value={fact}
        rows={Math.min(8, Math.max(2, Math.ceil(fact.length / 70)))}
        maxLength={FACT_MAX_CHARS}
        disabled={props.busy}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : `${id}-keys`}
        onChange={(e) => {
          setFact(e.target.value);
          setLocalProblem(null);
        }}
      />
      <label htmlFor={`${id}-tags`}>{t('editor.tags')}</label>
      <input
        id={`${id}-tags`}
        type="text"
        className="memory-editor-tags"
        data-testid="memory-edit-tags"
        value={tags}
        autoComplete="off"
        disabled={props.busy}
        onChange={(e) => {
          setTags(e.target.value);
          setLocalProblem(null);
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert" data-testid="memory-edit-error">
          {problem}
        </p>
      )}
      <p id={`${id}-keys`} className="hint memory-editor-keys">
        {t('editor.keys')}
      </p>
      <div className="memory-actions">
        <button type="submit" className="button primary small" disabled={props.busy} data-testid="memory-edit-save">
          {props.busy ? t('common:actions.saving') : t('common:actions.save')}
        </button>
        <button type="button" className="button secondary small" disabled={props.busy} onClick={props.onCancel} data-testid="memory-edit-cancel">
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}

function DeleteConfirm(props: { name: string; memoryId: string; busy: boolean; problem: string | null; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation('memory');
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const id = useId();
  return (
    <div
      className="memory-confirm"
      role="group"
      aria-labelledby={`${id}-question`}
      data-testid="memory-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !props.busy) {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={`${id}-question`}>{t('confirm.question')}</p>
      {props.problem && (
        <p className="field-error" role="alert" data-testid="memory-delete-error">
          {props.problem}
        </p>
      )}
      <div className="memory-actions">
        <button
          type="button"
          className="button danger small"
          data-testid="memory-confirm-delete"
          disabled={props.busy}
          aria-label={t('confirm.deleteNamed', { fact: props.name })}
          onClick={props.onConfirm}
        >
          {props.busy ? t('confirm.deleting') : t('common:actions.delete')}
        </button>
        <button
          ref={keep}
          type="button"
          className="button secondary small"
          data-testid="memory-confirm-keep"
          data-memory-keep={props.memoryId}
          disabled={props.busy}
          aria-label={t('confirm.keepNamed', { fact: props.name })}
          onClick={props.onCancel}
        >
          {t('confirm.keep')}
        </button>
      </div>
    </div>
  );
}

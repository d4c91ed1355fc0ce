/**
 * Settings → Tools → Import: an `{"mcpServers": {...}}` file (Claude Desktop, Cursor, …),
 * pasted or chosen. Main reads it (`mcp:importPreview`) and says which servers it would
 * add, which values go to the keychain, and what it could not use; the person picks, then
 * `mcp:importApply` adds them. The file is read here, in the window; only its text is sent.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpServerView } from '@shared/mcp';
import type { ResponseOf } from '@shared/ipc/contract';
import { FormMessage, type FormMessageValue } from '../../../components/FormMessage';
import { call, errorMessage } from '../../../ipc';
import { addServersLabel, describeCandidate } from './tools-model';

type Preview = ResponseOf<'mcp:importPreview'>;

export interface ImportPanelProps {
  onImported(servers: McpServerView[], added: number): void;
  onClose(): void;
}

/** The largest file read (the request allows 1,000,000 characters). */
const MAX_FILE_BYTES = 1_000_000;

export function ImportPanel({ onImported, onClose }: ImportPanelProps) {
  const { t } = useTranslation('tools');
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [json, setJson] = useState('');
  const [preview, setPreview] = useState<{ json: string; result: Preview } | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState<'preview' | 'apply' | 'file' | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);

  async function showPreview(text: string) {
    if (busy) return;
    if (!text.trim()) {
      setMessage({ tone: 'error', text: t('import.pasteFirst') });
      return;
    }
    setBusy('preview');
    setMessage(null);
    setPreview(null);
    try {
      const result = await call('mcp:importPreview', { json: text });
      setPreview({ json: text, result });
      setPicked(result.candidates.map((c) => c.config.id));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setMessage({ tone: 'error', text: t('import.tooLarge', { file: file.name }) });
      return;
    }
    setBusy('file');
    let text: string;
    try {
      text = await file.text();
    } catch {
      setMessage({ tone: 'error', text: t('import.unreadable', { file: file.name }) });
      return;
    } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
    setJson(text);
    await showPreview(text);
  }

  async function apply() {
    if (busy || !preview || picked.length === 0) return;
    setBusy('apply');
    setMessage(null);
    try {
      const list = await call('mcp:importApply', { json: preview.json, ids: picked });
      onImported(list.servers, picked.length);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
      setBusy(null);
    }
  }

  const candidates = preview?.result.candidates ?? [];
  const problems = preview?.result.problems ?? [];

  return (
    <section className="subpanel tools-import" aria-labelledby={`${id}-title`} data-testid="tools-import">
      <h3 id={`${id}-title`}>{t('import.title')}</h3>
      <p className="hint section-intro">{t('import.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-json`}>{t('import.json')}</label>
        <textarea
          id={`${id}-json`}
          rows={6}
          spellCheck={false}
          placeholder={'{\n  "mcpServers": {\n    "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me"] }\n  }\n}'}
          value={json}
          onChange={(e) => {
            setJson(e.target.value);
            setPreview(null);
            setMessage(null);
          }}
          data-testid="tools-import-json"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".json,application/json,text/plain"
          disabled={busy !== null}
          onChange={(e) => void readFile(e.target.files?.[0])}
          data-testid="tools-import-file"
        />
      </div>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void showPreview(json)} data-testid="tools-import-preview">
          {busy === 'preview' ? t('import.reading') : t('import.preview')}
        </button>
        <button type="button" className="button secondary" disabled={busy === 'apply'} onClick={onClose} data-testid="tools-import-close">
          {t('import.cancel')}
        </button>
      </div>
      <FormMessage value={message} testId="tools-import-message" />

      {preview && (
        <div className="tools-import-preview" data-testid="tools-import-result" role="region" aria-label={t('import.resultLabel')} aria-live="polite">
          {candidates.length === 0 ? (
            <p className="message error" role="alert" data-testid="tools-import-none">
              {t('import.none')}
            </p>
          ) : (
            <fieldset className="field-group">
              <legend>{t('import.found', { count: candidates.length })}</legend>
              <ul className="tools-candidate-list">
                {candidates.map((candidate) => {
                  const words = describeCandidate(candidate);
                  const cid = candidate.config.id;
                  const checkboxId = `${id}-pick-${cid}`;
                  return (
                    <li key={cid} className="tools-candidate" data-testid={`tools-import-candidate-${cid}`}>
                      <input
                        id={checkboxId}
                        type="checkbox"
                        checked={picked.includes(cid)}
                        onChange={(e) => setPicked((p) => (e.target.checked ? [...p, cid] : p.filter((x) => x !== cid)))}
                        aria-describedby={`${checkboxId}-details`}
                        data-testid="tools-import-pick"
                      />
                      <div>
                        <label htmlFor={checkboxId} className="tools-tool-name">
                          {candidate.config.name}
                        </label>
                        <div id={`${checkboxId}-details`}>
                          <p className="hint tools-target">{words.target}</p>
                          {words.keychain && (
                            <p className="hint" data-testid="tools-import-keychain">
                              {words.keychain}
                            </p>
                          )}
                          {words.replaces && (
                            <p className="hint tools-warning" data-testid="tools-import-replaces">
                              {words.replaces}
                            </p>
                          )}
                        </div>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
          {problems.length > 0 && (
            <div className="message warning tools-problems" data-testid="tools-import-problems">
              <p>{t('import.problems', { count: problems.length })}</p>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {candidates.length > 0 && (
            <div className="actions">
              <button type="button" className="button primary" disabled={busy !== null || picked.length === 0} onClick={() => void apply()} data-testid="tools-import-apply">
                {busy === 'apply' ? t('import.adding') : addServersLabel(picked.length)}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

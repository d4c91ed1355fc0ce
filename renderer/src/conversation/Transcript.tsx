/**
 * The conversation so far: each question, and under it the answer as it streams, the
 * finished answer with who helped, or what went wrong with a way to try again.
 */
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import { runById, specialistProgress, type ActivityState } from '../activity/activity-model';
import { formatDuration } from '../activity/format';
import { useNow } from '../activity/use-now';
import { Markdown } from '../markdown/Markdown';
import { AnswerMeta, RestoredAnswerMeta } from './AnswerMeta';
import type { ConversationTurn } from './conversation-model';
import { toolLine } from './history-turns';
import { SpecialistProgressChips } from './SpecialistProgressChips';
import { ErrorHelp } from '../components/ErrorHelp';

export interface TranscriptProps {
  turns: ConversationTurn[];
  activity: ActivityState;
  config: AgentConfig | null;
  model: string;
  onRetry(turn: ConversationTurn): void;
}

/** Within this many pixels of the bottom, new text keeps the transcript scrolled to the end. */
const STICKY_PX = 96;

export function Transcript({ turns, activity, config, model, onRetry }: TranscriptProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const running = turns.find((t) => t.status === 'running');
  const streamedLength = running ? (runById(activity, running.runId)?.text.length ?? 0) : 0;

  // Follow new text only if the person has not scrolled up to read something earlier.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [turns, streamedLength]);

  const { t } = useTranslation('answers');
  return (
    <div
      ref={scroller}
      className="transcript"
      role="log"
      aria-label={t('transcript.label')}
      data-testid="transcript"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
      }}
    >
      <ol className="transcript-turns">
        {turns.map((turn) => (
          <li key={turn.runId} className="turn">
            {turn.question !== '' && (
              <div className="bubble question" data-testid="question">
                {turn.question}
              </div>
            )}
            <TurnOutcome turn={turn} activity={activity} config={config} model={model} onRetry={onRetry} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function TurnOutcome({ turn, activity, config, model, onRetry }: { turn: ConversationTurn } & Omit<TranscriptProps, 'turns'>) {
  const { t } = useTranslation('answers');
  switch (turn.status) {
    case 'running':
      return <StreamingAnswer runId={turn.runId} activity={activity} config={config} />;
    case 'finished':
      return (
        <div className="bubble answer" data-testid="answer">
          <Markdown text={turn.result!.response} />
          <AnswerMeta result={turn.result!} run={runById(activity, turn.runId) ?? null} config={config} model={model} />
        </div>
      );
    case 'failed': {
      // What streamed before the failure stays, marked as cut off: the person may have read it.
      const partial = runById(activity, turn.runId)?.text ?? '';
      return (
        <div className="bubble answer failed" data-testid="answer-error" role="alert">
          {partial.trim() !== '' && <CutOffAnswer text={partial} />}
          <p className="answer-error-message">{turn.error?.message}</p>
          <ErrorHelp code={turn.error?.code} testId="answer-error-help" />
          <button type="button" className="button secondary small" onClick={() => onRetry(turn)} data-testid="answer-retry">
            {t('transcript.retry')}
          </button>
        </div>
      );
    }
    case 'restored': {
      // The figures are known only if this window saw the run (e.g. a quick ask made while it was open).
      const run = runById(activity, turn.runId) ?? null;
      const result = run?.result ?? null;
      const hasAnswer = (turn.answer ?? '') !== '' || !turn.tools?.length;
      return (
        <>
          {turn.tools?.length ? <RestoredToolCalls tools={turn.tools} /> : null}
          {hasAnswer && (
            <div className="bubble answer" data-testid="answer" data-restored="true">
              {turn.cutOff ? <CutOffAnswer text={turn.answer ?? ''} /> : <Markdown text={turn.answer ?? ''} />}
              {result ? (
                <AnswerMeta result={{ ...result, response: turn.answer ?? result.response }} run={run} config={config} model={model} />
              ) : (
                <RestoredAnswerMeta text={turn.answer ?? ''} helpers={turn.helpers ?? []} />
              )}
            </div>
          )}
        </>
      );
    }
    case 'cancelled':
      return (
        <p className="turn-note" data-testid="answer-cancelled">
          {t('transcript.cancelled')}
        </p>
      );
  }
}

/** The tool calls a kept turn made (voice sessions keep them), one compact line each. */
function RestoredToolCalls({ tools }: { tools: NonNullable<ConversationTurn['tools']> }) {
  const { t } = useTranslation('answers');
  return (
    <ul className="restored-tools" aria-label={t('transcript.toolsUsed')} data-testid="answer-tools">
      {tools.map((tool, i) => (
        <li key={i} className="restored-tool" data-testid="answer-tool">
          <span className="restored-tool-label">{t('transcript.tool')}</span> <code>{toolLine(tool)}</code>
        </li>
      ))}
    </ul>
  );
}

function CutOffAnswer({ text }: { text: string }) {
  const { t } = useTranslation('answers');
  return (
    <div className="cut-off-answer" data-testid="answer-cut-off">
      <Markdown text={text} />
      <p className="cut-off-label">{t('cutOff')}</p>
    </div>
  );
}

function StreamingAnswer({ runId, activity, config }: { runId: string; activity: ActivityState; config: AgentConfig | null }) {
  const { t } = useTranslation('answers');
  const run = runById(activity, runId);
  const now = useNow(true, 250);
  const waiting = run?.status === 'awaiting-approval';
  return (
    <div className="bubble answer streaming" data-testid="answer-streaming" aria-busy="true">
      {run && <SpecialistProgressChips progress={specialistProgress(run)} config={config} />}
      {run?.text ? (
        <Markdown text={run.text} className="streaming-text" />
      ) : (
        <p className="thinking">
          <span className="spinner" aria-hidden="true" />
          {waiting ? t('transcript.waitingForApproval') : t('transcript.thinking')}
        </p>
      )}
      {run && (
        <p className="streaming-elapsed" aria-hidden="true">
          {formatDuration(Math.max(0, now - run.startedAt))}
        </p>
      )}
    </div>
  );
}

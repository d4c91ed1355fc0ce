/**
 * Pending approvals: a run that reaches a sensitive action (unlock, open, disarm) waits
 * here until the person decides in the window. No answer within the time limit counts
 * as "no", so nothing sensitive happens by default.
 */
import { UserFacingError } from '../errors';
import { tr } from '../i18n';

interface Pending {
  runId: string;
  resolve: (approved: boolean) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ApprovalBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly timeoutMs = 5 * 60_000) {}

  wait(runId: string, approvalId: string, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (approved: boolean) => {
        const p = this.pending.get(approvalId);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(approvalId);
        resolve(approved);
      };
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      this.pending.set(approvalId, { runId, resolve: finish, timer });
      signal?.addEventListener('abort', () => finish(false), { once: true });
    });
  }

  decide(runId: string, approvalId: string, approved: boolean): void {
    const p = this.pending.get(approvalId);
    if (!p || p.runId !== runId) {
      throw new UserFacingError('approval_not_found', tr('errors:runs.approvalGone'));
    }
    p.resolve(approved);
  }

  rejectAll(): void {
    for (const p of [...this.pending.values()]) p.resolve(false);
  }
}

/**
 * The monthly spending file (budget.json in the user-data folder): what FROK spent per
 * calendar month and which alerts it already gave. Written atomically; an unreadable
 * file is moved aside and counting starts again, never blocking FROK.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../../logger';

export const BudgetMonthSchema = z
  .object({
    spentUsd: z.number().min(0),
    /** Alert levels already announced this month. */
    alerted: z.array(z.enum(['warning', 'exceeded'])),
  })
  .strict();
export type BudgetMonth = z.infer<typeof BudgetMonthSchema>;

export const BudgetFileSchema = z
  .object({
    version: z.literal(1),
    months: z.record(z.string().regex(/^\d{4}-\d{2}$/), BudgetMonthSchema),
  })
  .strict();
export type BudgetFile = z.infer<typeof BudgetFileSchema>;

export const EMPTY_BUDGET_FILE: BudgetFile = { version: 1, months: {} };

export interface BudgetFileStorage {
  read(): BudgetFile;
  write(data: BudgetFile): void;
}

export function openBudgetFile(path: string, log: Logger): BudgetFileStorage {
  return {
    read() {
      if (!existsSync(path)) return structuredClone(EMPTY_BUDGET_FILE);
      let problem: string;
      try {
        const parsed = BudgetFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        if (parsed.success) return parsed.data;
        problem = parsed.error.issues[0]?.message ?? 'invalid';
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      const aside = `${path}.unreadable-${Date.now()}`;
      log.warn('the budget file could not be read; counting this month again from zero', { path, problem, aside });
      try {
        renameSync(path, aside);
      } catch {
        // Overwritten on the next write instead.
      }
      return structuredClone(EMPTY_BUDGET_FILE);
    },
    write(data) {
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    },
  };
}

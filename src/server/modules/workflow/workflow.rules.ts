// The pure rules of the document engine: which document transitions exist and when a chain step
// applies. The card transition a document makes is its type's (document-types/<type>.doctype.ts);
// the card status machine itself is assets' card-status.rules.ts. No I/O here.
import type { DocumentStatus, StepCondition } from '../../../shared/workflow.contracts.ts';

/** Document status machine: action → statuses it may start from → where it leads. */
export const DOCUMENT_ACTIONS = {
  edit: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: null }, // approved after the last step; else stays submitted
  reject: { from: ['submitted'], to: 'rejected' },
  return: { from: ['submitted'], to: 'returned' },
  execute: { from: ['approved'], to: 'executed' },
  cancel: { from: ['draft', 'returned', 'approved'], to: 'cancelled' },
  // 撤回: the applicant or submitter takes back a document no step has decided yet.
  withdraw: { from: ['submitted'], to: 'draft' },
} as const satisfies Record<string, { from: readonly DocumentStatus[]; to: DocumentStatus | null }>;
export type DocumentAction = keyof typeof DOCUMENT_ACTIONS;

export function actionAllowed(action: DocumentAction, status: string): boolean {
  return (DOCUMENT_ACTIONS[action].from as readonly string[]).includes(status);
}

export interface ChainFacts {
  maxItemFen: number;
  totalFen: number;
  categoryCodes: readonly string[];
  crossUnit: boolean;
  overStandard: boolean;
  financial: boolean;
}

/** A step applies when every condition it sets holds; amounts: per item OR per batch. */
export function stepApplies(c: StepCondition, f: ChainFacts): boolean {
  if (c.minItemFen !== undefined || c.minBatchFen !== undefined) {
    const item = c.minItemFen !== undefined && f.maxItemFen >= c.minItemFen;
    const batch = c.minBatchFen !== undefined && f.totalFen >= c.minBatchFen;
    if (!item && !batch) return false;
  }
  if (c.categoryPrefix && !f.categoryCodes.some((code) => code.startsWith(c.categoryPrefix!))) return false;
  if (c.crossUnit !== undefined && c.crossUnit !== f.crossUnit) return false;
  if (c.overStandard !== undefined && c.overStandard !== f.overStandard) return false;
  if (c.financial !== undefined && c.financial !== f.financial) return false;
  return true;
}

/**
 * Whether every step can be given its own approver: `candidates[i]` are the people who may take
 * step i (role, unit, not excluded); one person takes at most one step. Returns the index of the
 * first step left without anyone, or -1. Steps are few (≤ 12), so augmenting paths are cheap.
 */
export function unstaffedStep(candidates: readonly (readonly string[])[]): number {
  const holder = new Map<string, number>();
  const assign = (step: number, seen: Set<string>): boolean => {
    for (const person of candidates[step]) {
      if (seen.has(person)) continue;
      seen.add(person);
      const other = holder.get(person);
      if (other === undefined || assign(other, seen)) {
        holder.set(person, step);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < candidates.length; i++) if (!assign(i, new Set())) return i;
  return -1;
}

/** Scrap needs the minimum life served, or an appraisal (art. 21). */
export function scrapAllowed(acquiredOn: string, lifeMonths: number | null, today: string, appraisal?: string): boolean {
  if (appraisal?.trim()) return true;
  if (!lifeMonths) return true;
  return addMonths(acquiredOn, lifeMonths) <= today;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

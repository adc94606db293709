// Acceptance against the allocation standards (docs/domain.md §5): a line over a cap, or beyond the
// unit's quota with the lines before it, needs an acknowledgement with a reason, asked when the
// document is written and checked again when it executes; the note goes on each card's first ledger event.
import type { DocumentLineInput } from '../../../shared/workflow.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { heldCardSql } from '../assets/index.ts';
import { standardAckNotes } from '../standards/index.ts';

/** Per line: the ledger note of its acknowledged over-standard warning, or ''. Refuses lines over a standard without one. */
export function acceptanceStandardNotes(q: Queryable, unitId: string, lines: DocumentLineInput[]): Promise<string[]> {
  return standardAckNotes(
    q,
    unitId,
    lines.map((l) => {
      if (!l.categoryId) return null;
      const quantity = l.quantity ?? 1;
      return {
        categoryId: l.categoryId,
        originalValueFen: (l.unitPriceFen ?? 0) * quantity,
        quantity,
        custodianId: l.forStaffId,
        roomId: l.forRoomId,
        attributes: l.attributes,
        standardAck: l.standardAck,
      };
    }),
    heldCardSql(),
    (i) => `lines.${i}.standardAck`,
  );
}

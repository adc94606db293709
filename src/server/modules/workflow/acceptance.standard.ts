// Acceptance against the allocation standards (docs/domain.md §5): a line over a cap needs an
// acknowledgement with a reason, asked when the document is written and checked again when it
// executes; the note goes on each card's first ledger event.
import type { DocumentLineInput } from '../../../shared/workflow.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { standardAckNote } from '../standards/index.ts';

/** Per line: the ledger note of its acknowledged over-standard warning, or ''. Refuses a line over a cap without one. */
export async function acceptanceStandardNotes(q: Queryable, unitId: string, lines: DocumentLineInput[]): Promise<string[]> {
  const notes: string[] = [];
  for (const [i, l] of lines.entries()) {
    if (!l.categoryId) {
      notes.push('');
      continue;
    }
    const quantity = l.quantity ?? 1;
    notes.push(
      await standardAckNote(
        q,
        {
          unitId,
          categoryId: l.categoryId,
          originalValueFen: (l.unitPriceFen ?? 0) * quantity,
          quantity,
          custodianId: l.forStaffId,
          roomId: l.forRoomId,
          attributes: l.attributes,
          standardAck: l.standardAck,
        },
        `lines.${i}.standardAck`,
      ),
    );
  }
  return notes;
}

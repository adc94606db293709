// What a category line keeps for the standards check (docs/domain.md §5): who and which room it is
// for, its matching attributes and, at acceptance, an acknowledged over-standard warning. Kept in the
// line's details, so a re-check on submit and the acceptance see what was typed.
import type { DocumentLineInput } from '../../../shared/workflow.contracts.ts';

type Target = Pick<DocumentLineInput, 'forStaffId' | 'forRoomId' | 'attributes' | 'specAttributes' | 'standardAck'>;

/** The line's standard-target fields, for its details (absent fields left out). */
export function standardLineDetails(l: DocumentLineInput): Target {
  return {
    ...(l.forStaffId ? { forStaffId: l.forStaffId } : {}),
    ...(l.forRoomId ? { forRoomId: l.forRoomId } : {}),
    ...(l.attributes && Object.keys(l.attributes).length ? { attributes: l.attributes } : {}),
    ...(l.specAttributes && Object.keys(l.specAttributes).length ? { specAttributes: l.specAttributes } : {}),
    ...(l.standardAck ? { standardAck: l.standardAck } : {}),
  };
}

/** The same fields read back from a stored line's details. */
export function standardLineInput(details: unknown): Target {
  const d = (details ?? {}) as Target;
  return {
    forStaffId: d.forStaffId,
    forRoomId: d.forRoomId,
    attributes: d.attributes,
    specAttributes: d.specAttributes,
    standardAck: d.standardAck,
  };
}

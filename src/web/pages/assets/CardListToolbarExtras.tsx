import type { CardFilter } from '../../../shared/assets.contracts.ts';

export interface CardListToolbarExtrasProps {
  /** The filters the list shows now (search included), for exports of "what I see". */
  filter: CardFilter;
  /** Cards ticked in the table, for batch actions (labels, documents). */
  selectedIds: string[];
}

/** Buttons beside the card list's search box: export, import and label printing plug in here. */
export function CardListToolbarExtras(_props: CardListToolbarExtrasProps) {
  return null;
}

export default CardListToolbarExtras;

// The assets module's surface: what other modules may use. Only this module writes cards and their
// ledger; others change a card through the writes here. Everything not exported is private.

// Writes
export { appendCardEvent, type CardChangeSet, type CardRow, changeCard, getCardForUpdate, registerCard } from './card.service.ts';
export { type CardDraft, registerCardsBulk } from './card-bulk.service.ts';
export { appendCardEventsFrom, type CardEventsFrom } from './card-ledger.service.ts';
export { addAccumulatedDepreciation } from './card-depreciation.service.ts';
// Reads
export { cardFilterWhere, listCards, searchGrams } from './card.queries.ts';
export { getCardDetail, getCardTimeline, namesForEvents } from './card-detail.queries.ts';
// Rules
export { CARD_TRANSITIONS, type CardTransition, cardTransition, heldCardSql } from './card-status.rules.ts';
export { assetKindOf, type CategoryFacts, checkAttributes, checkDepreciationRules, deriveCardBooks } from './card.rules.ts';
export { kindFor, openingBalanceEnd } from './card-supplement.service.ts';
export { findCard } from './card.service.ts';
export { addAttachment, type AttachmentRules, sniffContentType } from './card-attachment.service.ts';
export { registrationKind } from './card-supplement.service.ts';

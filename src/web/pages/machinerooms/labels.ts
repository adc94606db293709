import { label } from '../../../shared/assets.enums.ts';

/** The [zh, en] label of a code in one of the machine rooms' vocabularies, or the code itself. */
export const labelOf = (vocabulary: Record<string, readonly [string, string]>, code: string, locale: string) =>
  vocabulary[code] ? label(vocabulary[code], locale) : code;

export const optionsOf = (vocabulary: Record<string, readonly [string, string]>, locale: string) =>
  Object.entries(vocabulary).map(([value, pair]) => ({ value, label: label(pair, locale) }));

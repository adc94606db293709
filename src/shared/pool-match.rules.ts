// 先调剂后购置 by spec (docs/domain.md §11): a configuration line is matched to pooled and idle items
// of its category on the spec it names and its matching attributes. One pure rule for the server's
// ranking (the SQL counts the same tokens) and the reasons the form shows for each offer.
import type { MatchAttributes } from './standards.contracts.ts';
import { itemAttributes } from './standard.rules.ts';

/** At most this many spec words count: a line's spec is a short model or configuration text. */
export const MAX_SPEC_TOKENS = 8;

/**
 * The words of a line's spec that an item's name, brand or spec may contain: lower-cased, split on
 * spaces and punctuation (i5/8G/256G → i5, 8g, 256g), a single letter or digit dropped, repeats once.
 */
export function specTokens(spec: string | null | undefined): string[] {
  if (!spec) return [];
  const out: string[] = [];
  for (const t of spec.toLowerCase().split(/[\s,，、;；/|+()（）:：*×]+/)) {
    if (t.length < 2 || out.includes(t)) continue;
    out.push(t);
    if (out.length === MAX_SPEC_TOKENS) break;
  }
  return out;
}

/** What a line asks for: its category (code and name), spec and the attributes a standard names. */
export interface WantedItem {
  categoryCode: string;
  categoryName: string;
  spec?: string | null;
  attributes?: MatchAttributes | null;
}

/** An offered item as the match reads it. */
export interface OfferedItem {
  name: string;
  brand: string | null;
  spec: string | null;
  attributes: Record<string, unknown> | null;
}

/** The attributes the line names that the item does not have (a line for an A3 printer: an A4 one fails). */
export function attributesFit(want: MatchAttributes | null | undefined, item: OfferedItem): boolean {
  const have = itemAttributes(item.attributes);
  if (want?.paperSize !== undefined && have.paperSize !== want.paperSize) return false;
  if (want?.colour !== undefined && have.colour !== want.colour) return false;
  return true;
}

/** The spec words found in the item's name, brand or spec. */
export function specHits(tokens: string[], item: OfferedItem): string[] {
  const text = [item.name, item.brand, item.spec].filter(Boolean).join(' ').toLowerCase();
  return tokens.filter((t) => text.includes(t));
}

/** Why an item matched, in the order the form shows: the category, the attributes, the spec words. */
export function matchReasons(want: WantedItem, item: OfferedItem): string[] {
  const out = [`同分类 ${want.categoryCode} ${want.categoryName}`];
  const have = itemAttributes(item.attributes);
  if (want.attributes?.paperSize !== undefined) out.push(`幅面 ${have.paperSize}`);
  if (want.attributes?.colour !== undefined) out.push(have.colour ? '彩色' : '黑白');
  const tokens = specTokens(want.spec);
  const hits = specHits(tokens, item);
  if (tokens.length) out.push(hits.length ? `规格相符 ${hits.length}/${tokens.length}：${hits.join('、')}` : '规格未注明相同项');
  return out;
}

// 入仓单: the entry receipt of a listing, printed for the handover and kept with the books. The offering
// unit's and the committee's paper: another unit reading it answers 404 (the catalogue shows the item).
import { sql } from 'drizzle-orm';
import type { PoolReceipt } from '../../../shared/pool.contracts.ts';
import { fenToYuan } from '../../../shared/money.ts';
import { specSummary } from '../../../shared/spec-attributes.rules.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { listingPhotoSql } from './pool-photo.service.ts';
import { specOfSql } from './pool-spec.service.ts';

/** RC-<year listed>-<the listing's sequence, six digits>: stable (both are fixed at listing) and unique (the sequence is). */
export const receiptNoSql = sql`'RC-' || to_char(pl.listed_on, 'YYYY') || '-' || lpad(pl.receipt_seq::text, 6, '0')`;

export async function getReceipt(q: Queryable, actor: Actor, listingId: string): Promise<PoolReceipt> {
  const row = await queryOne<
    Omit<PoolReceipt, 'specSummary' | 'originalValueYuan' | 'netValueYuan'> & { specAttributes: Record<string, unknown> }
  >(
    q,
    sql`SELECT ${receiptNoSql} AS "receiptNo", pl.id AS "listingId", pl.listed_on::text AS "listedOn",
      u.code AS "unitCode", u.name AS "unitName", c.card_no AS "cardNo", c.name, k.code AS "categoryCode", k.name AS "categoryName",
      c.spec, ${specOfSql(sql`c.attributes`)} AS "specAttributes", c.brand, c.quantity, c.measure_unit AS "measureUnit",
      c.original_value_fen::float8 AS "originalValueFen", pl.net_value_fen::float8 AS "netValueFen",
      pl.condition, pl.mode, pl.reason, pl.note, pl.expires_on::text AS "expiresOn", lb.display_name AS "listedByName",
      CASE WHEN pl.mode = 'physical' THEN nullif(concat_ws(' ', co.name, b.name, r.code, r.name), '') END AS "warehouseLocation",
      (SELECT count(*)::int FROM card_attachments a WHERE ${listingPhotoSql}) AS photos
    FROM pool_listings pl
    JOIN cards c ON c.id = pl.card_id
    LEFT JOIN units u ON u.id = pl.unit_id
    LEFT JOIN categories k ON k.id = c.category_id
    LEFT JOIN users lb ON lb.id = pl.listed_by
    LEFT JOIN rooms r ON r.id = c.room_id
    LEFT JOIN buildings b ON b.id = r.building_id
    LEFT JOIN compounds co ON co.id = r.compound_id
    WHERE pl.id = ${listingId}::uuid AND ${inScope(sql`pl.unit_id`, unitScope(actor, 'pool.read'))}`,
  );
  if (!row) throw notFound('入仓单');
  const { specAttributes, ...rest } = row;
  return {
    ...rest,
    specSummary: specSummary(specAttributes),
    originalValueYuan: fenToYuan(row.originalValueFen),
    netValueYuan: fenToYuan(row.netValueFen),
  };
}

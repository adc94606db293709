// Scans: what the phones send, recorded idempotently in one statement per batch, and the counter's
// sheet (the expected list with what is counted) the phone downloads to work without network.
import { sql } from 'drizzle-orm';
import {
  parseScanCode,
  type CountSheet,
  type ScanBatchResult,
  type ScanInput,
  type ScanOutcome,
} from '../../../shared/inventory.contracts.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { scanEvents } from './count-ledger.service.ts';
import { recountOf } from './count-recount.service.ts';
import { shareOf } from './count-share.service.ts';
import { isCounter, loadCount, plans, type CountRow } from './count.service.ts';

/** Scanning is for the count's counters and for those who plan it; a count not under way refuses. */
async function requireScanner(q: Queryable, actor: Actor, c: CountRow): Promise<void> {
  if (!can(actor, 'count.scan') || !(plans(actor, c) || (await isCounter(q, c.id, actor.userId))))
    throw new AppError('forbidden', '只有本次盘点的盘点人可以录入盘点结果');
}

interface Standing {
  key: string;
  outcome: ScanOutcome['outcome'];
  card_no: string | null;
  name: string | null;
}

/** Over `rec` (the scans of a batch as recorded), what each key stands for. */
const standingOf = (countId: string) => sql`
  SELECT r.scan_key::text AS key, r.fresh, r.id,
    CASE WHEN r.card_id IS NULL THEN 'surplus' WHEN NOT r.expected THEN 'outside'
         WHEN r.room_id IS NOT NULL AND r.room_id IS DISTINCT FROM i.room_id THEN 'moved' ELSE 'found' END AS outcome,
    coalesce(i.card_no, k.card_no) AS card_no, coalesce(i.name, r.surplus_name) AS name
  FROM rec r LEFT JOIN count_items i ON i.count_id = ${countId} AND i.card_id = r.card_id
  LEFT JOIN cards k ON k.id = r.card_id`;

type Parsed = Required<Pick<ScanInput, 'key'>> & ScanInput & { cardId?: string; cardNo?: string };

/**
 * Records a batch of scans. Each scan's key is unique within the count: a scan sent again (a retry,
 * a second sync, two phones syncing the same queue) is answered "duplicate" and changes nothing.
 * One INSERT … SELECT over the batch, whatever its size.
 */
export async function recordScans(q: Queryable, actor: Actor, countId: string, scans: ScanInput[]): Promise<ScanBatchResult> {
  return withTx(q, async (tx) => {
    // The count first: another unit's count answers 404 whatever the body holds.
    const c = await loadCount(tx, actor, countId);
    await requireScanner(tx, actor, c);
    const fields: Record<string, string> = {};
    const parsed: Parsed[] = scans.map((s, i) => {
      if (!s.code && !s.surplusName) fields[`scans.${i}.code`] = '请扫描或输入卡片编号，或填写盘盈资产名称';
      return { ...s, ...(s.code ? parseScanCode(s.code) : {}) };
    });
    if (Object.keys(fields).length) throw invalid(fields);
    if (c.status !== 'counting')
      throw new AppError('invalid_transition', c.status === 'planned' ? '盘点尚未开始' : '盘点已结束，不能再录入');
    const recount = await recountOf(tx, countId, actor.userId);
    const rows = parsed.map((s, i) => ({
      ord: i,
      key: s.key,
      code: s.code ?? null,
      card_id: s.cardId ?? null,
      card_no: s.cardNo ?? null,
      room_id: s.roomId ?? null,
      condition: s.condition ?? 'good',
      note: s.note ?? null,
      surplus_name: s.surplusName ?? null,
      scanned_at: s.scannedAt ?? null,
    }));
    // One statement records the batch and answers what each key stands for. The batch travels as one
    // json parameter (the answer used to be a second query over a uuid[] of 5,000 bound parameters,
    // which cost as much as the insert itself). Each key is answered from the batch as resolved here,
    // the same facts a scan sent before under that key was recorded with; RETURNING tells which keys
    // are new. (Reading earlier scans back by key cost 4.7 s for 5,000 duplicates at a million cards:
    // a new count's scans are behind the table's statistics, and the probe took the wrong index.)
    const standing = await query<Standing & { fresh: boolean; id: number | null }>(
      tx,
      sql`
      WITH s AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS s(ord int, key uuid, code text, card_id uuid, card_no text,
          room_id uuid, condition text, note text, surplus_name text, scanned_at timestamptz)
      ), src AS (
        SELECT s.ord, s.key, s.code, coalesce(ki.id, kn.id) AS card_id, i.card_id IS NOT NULL AS expected, s.room_id, s.condition,
          s.note, s.surplus_name, s.scanned_at
        FROM s
        -- Two plain joins (by id, else by number), so each uses its index: a join on coalesce(id, subquery) read every card per scan.
        LEFT JOIN cards ki ON ki.id = s.card_id
        LEFT JOIN cards kn ON s.card_id IS NULL AND kn.card_no = s.card_no
        LEFT JOIN count_items i ON i.count_id = ${countId} AND i.card_id = coalesce(ki.id, kn.id)
      ), ins AS (
        INSERT INTO count_scans (count_id, scan_key, code, card_id, expected, room_id, condition, note, surplus_name, counter_id,
          recount_id, scanned_at)
        SELECT ${countId}, key, code, card_id, expected, room_id, condition, note, surplus_name,
          ${actor.userId}, ${recount?.id ?? null}::uuid, coalesce(scanned_at, now())
        FROM src ORDER BY ord
        ON CONFLICT (count_id, scan_key) DO NOTHING
        RETURNING id, scan_key
      ), rec AS (
        SELECT src.key AS scan_key, src.card_id, src.expected, src.room_id, src.surplus_name, ins.id, ins.id IS NOT NULL AS fresh
        FROM src LEFT JOIN ins ON ins.scan_key = src.key
      )
      ${standingOf(countId)}`,
    );
    const fresh = new Set(standing.filter((r) => r.fresh).map((r) => r.key));
    // Each scan of a card goes on that card's ledger, once: a duplicate is not fresh.
    await scanEvents(
      tx,
      actor,
      countId,
      // A key twice in one batch is one scan: its id once.
      [...new Set(standing.filter((r) => r.fresh && r.outcome !== 'surplus').map((r) => Number(r.id)))],
    );
    const byKey = new Map(standing.map((r) => [r.key, r]));
    const results: ScanOutcome[] = parsed.map((p) => {
      const r = byKey.get(p.key);
      return {
        key: p.key,
        status: fresh.has(p.key) ? 'recorded' : 'duplicate',
        // A blind recounter is not told whether the card is where the books expect it.
        outcome: recount?.blind && (r?.outcome === 'found' || r?.outcome === 'moved') ? 'counted' : (r?.outcome ?? 'surplus'),
        cardNo: r?.card_no ?? null,
        name: r?.name ?? null,
      };
    });
    return { recorded: fresh.size, duplicates: parsed.length - fresh.size, results };
  });
}

/**
 * The person's share of the expected list with what is counted, and the rooms to choose from: what
 * the phone keeps offline. A recounter gets the recount's cards (blind: without their book rooms).
 * In pages of `limit` cards cut in the snapshot's key order, by card id, each page by number (the
 * phone asks for the next until `next` is null).
 */
export async function countSheet(
  q: Queryable,
  actor: Actor,
  countId: string,
  page: { after?: string; limit: number } = { limit: 5000 },
): Promise<CountSheet> {
  const c = await loadCount(q, actor, countId);
  await requireScanner(q, actor, c);
  const recount = await recountOf(q, countId, actor.userId);
  const share = recount ? null : await shareOf(q, actor, c);
  const where = recount
    ? sql`EXISTS (SELECT 1 FROM count_recounts x WHERE x.id = ${recount.id} AND i.card_id = ANY(x.card_ids))`
    : share!.where;
  const hide = recount?.blind ?? false;
  const rows = await query<CountSheet['items'][number]>(
    q,
    sql`
    SELECT i.card_id::text AS "cardId", i.card_no AS "cardNo", i.name,
      ${hide ? sql`NULL::text` : sql`i.room_id::text`} AS "roomId",
      ${hide ? sql`NULL::text` : sql`CASE WHEN r.id IS NULL THEN NULL ELSE b.name || ' ' || r.code || coalesce(' ' || r.name, '') END`} AS "roomName",
      sc.counted IS NOT NULL AS counted
    FROM count_items i LEFT JOIN rooms r ON r.id = i.room_id LEFT JOIN buildings b ON b.id = r.building_id
    -- A probe per card of the page (LIMIT 1 keeps it one): as EXISTS it was planned as a hash of every
    -- scan of every count, read for each page.
    LEFT JOIN LATERAL (SELECT true AS counted FROM count_scans s WHERE s.count_id = ${countId} AND s.card_id = i.card_id
      ${recount ? sql`AND s.recount_id = ${recount.id}` : sql``} LIMIT 1) sc ON true
    WHERE i.count_id = ${countId} AND ${where} ${page.after ? sql`AND i.card_id > ${page.after}::uuid` : sql``}
    ORDER BY i.card_id LIMIT ${page.limit + 1}`,
  );
  // The page is cut in key order (`next` is its last card id) and shown by number.
  const items = rows.slice(0, page.limit);
  const next = rows.length > page.limit ? items[items.length - 1].cardId : null;
  items.sort((a, b) => (a.cardNo < b.cardNo ? -1 : a.cardNo > b.cardNo ? 1 : 0));
  const rooms = page.after
    ? []
    : await query<{ id: string; name: string }>(
        q,
        sql`
    SELECT r.id::text, b.name || ' ' || r.code || coalesce(' ' || r.name, '') AS name
    FROM rooms r JOIN buildings b ON b.id = r.building_id
    WHERE r.unit_id = ANY(${uuidArray(c.unit_ids)}) OR r.unit_id IS NULL
      -- The snapshot's rooms as kept on the count: reading them from the expected cards read a million rows.
      OR r.id IN (SELECT unnest(snapshot_room_ids) FROM counts WHERE id = ${countId})
    ORDER BY b.name, r.code LIMIT 5000`,
      );
  return {
    countId,
    title: c.title,
    status: c.status,
    items,
    rooms,
    share: recount ? 'recount' : share!.kind,
    recount,
    next,
  };
}

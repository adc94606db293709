import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetTable } from '../../../shared/reportset.contracts.ts';
import type { Database } from '../../platform/db/engine.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { world } from '../../testing/world.ts';
import { reportSetTable } from './reportset.service.ts';

// 月01's funding split (docs/domain.md §7) is read in the same pass over the cards as its figures, so a
// card's 非财政拨款 is counted where its 原值 is: in the unit that held it at the month's end, not the
// unit that holds it now.
let database: Database;

const rows = (t: SetTable) =>
  t.rows
    .filter((r) => r.kind === 'row')
    .map((r) => ({ unit: r.unitName, closeV: r.cells.closeV, fiscal: r.cells.fiscal, nonFiscal: r.cells.nonFiscal }));

beforeAll(async () => {
  database = await openTestDatabase();
  const w = world(database);
  const unitA = await w.unit('FNA', '甲局');
  const unitB = await w.unit('FNB', '乙局');
  const top = await w.category({ code: '7000000', name: '专用设备' });
  const cls = await w.category({ code: '7010000', name: '检测仪器', parentPath: top.path });
  // ¥10,000 held by 甲局 since December, ¥4,000 of it 非财政拨款; moved to 乙局 on 10 February.
  const id = await w.card({ unitId: unitA, categoryId: cls.id, originalValueFen: 1_000_000, postedOn: '2025-12-10' });
  await database.db.execute(sql`UPDATE cards SET fiscal_funding_fen = 600000, non_fiscal_funding_fen = 400000 WHERE id = ${id}`);
  await w.transfer(id, unitB, '2026-02-10');
});

afterAll(async () => {
  await database?.close();
});

describe('the asset summary of the report set', () => {
  it('counts a card’s 非财政拨款 in the unit that held it at the month’s end', async () => {
    const jan = await reportSetTable(database.db, 'asset_summary', { scope: 'all' }, '2026-01');
    expect(rows(jan)).toEqual([{ unit: '甲局', closeV: 1_000_000, fiscal: 600_000, nonFiscal: 400_000 }]);
    const feb = await reportSetTable(database.db, 'asset_summary', { scope: 'all' }, '2026-02');
    expect(rows(feb)).toEqual([
      { unit: '甲局', closeV: 0, fiscal: 0, nonFiscal: 0 },
      { unit: '乙局', closeV: 1_000_000, fiscal: 600_000, nonFiscal: 400_000 },
    ]);
  });
});

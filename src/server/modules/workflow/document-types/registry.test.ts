import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_SPECS, readPayload } from '../../../../shared/workflow.contracts.ts';
import { query } from '../../../platform/db/engine.ts';
import { openTestDatabase } from '../../../testing/test-db.ts';
import { CARD_TRANSITIONS } from '../../assets/index.ts';
import { installChainDefaults } from '../chain.defaults.ts';
import { DOCUMENT_HANDLERS, transitionOf } from './registry.ts';

describe('the registry of document types', () => {
  it('gives every type a unique document number prefix and one server entry under its own code', () => {
    const prefixes = DOCUMENT_TYPE_SPECS.map((s) => s.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const [code, h] of Object.entries(DOCUMENT_HANDLERS)) expect(h.spec.code).toBe(code);
    expect(Object.keys(DOCUMENT_HANDLERS).sort()).toEqual(DOCUMENT_TYPE_SPECS.map((s) => s.code).sort());
  });

  it('gives every card type a transition the card status machine knows, and no category type one', () => {
    for (const s of DOCUMENT_TYPE_SPECS) {
      const key = transitionOf({ type: s.code, unitId: 'a', counterpartUnitId: null, payload: {} });
      if (s.lines === 'cards') expect(CARD_TRANSITIONS[key ?? ''], s.code).toBeDefined();
      else expect(key, s.code).toBeUndefined();
    }
  });

  it('reads a stored payload with its type: fields that fit pass, unknown ones are kept, a bad one is named', () => {
    expect(readPayload('acceptance', { acceptedOn: '2026-01-05', postedOn: '2026-01-06' })).toEqual({
      payload: { acceptedOn: '2026-01-05', postedOn: '2026-01-06' },
      problems: {},
    });
    expect(Object.keys(readPayload('lending', { periodTo: 20260230 }).problems)).toEqual(['payload.periodTo']);
    expect(readPayload('lending', 'not an object')).toEqual({ payload: {}, problems: {} });
  });
});

describe('approval-chain defaults', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const chains = () =>
    query<{ document_type: string; step_no: number; role: string; scope: string; label: string; condition: object }>(
      database.db,
      sql`SELECT document_type, step_no, role, scope, label, condition FROM approval_chain_steps ORDER BY document_type, step_no`,
    );

  it('are on a new database exactly as each type declares them', async () => {
    const expected = Object.values(DOCUMENT_HANDLERS)
      .flatMap((h) =>
        h.chainDefaults.map((s, i) => ({
          document_type: h.spec.code,
          step_no: i + 1,
          role: s.role,
          scope: s.scope,
          label: s.label,
          condition: s.condition ?? {},
        })),
      )
      .sort((a, b) => (a.document_type === b.document_type ? a.step_no - b.step_no : a.document_type < b.document_type ? -1 : 1));
    expect(await chains()).toEqual(expected);
    const [{ n }] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM approval_chains`);
    expect(n).toBe(DOCUMENT_TYPE_SPECS.length);
  });

  it('leave a chain that has steps as it is on the next install, and give an emptied one never saved its defaults back', async () => {
    await database.db.execute(sql`UPDATE approval_chain_steps SET label = '本单位自定' WHERE document_type = 'disposal' AND step_no = 1`);
    await database.db.execute(sql`DELETE FROM approval_chain_steps WHERE document_type = 'maintenance'`);
    await installChainDefaults(database);
    const after = await chains();
    expect(after.filter((c) => c.document_type === 'disposal').map((c) => c.label)).toEqual([
      '本单位自定',
      '管委会审批（单价≥10万元或批量≥20万元）',
      '财政局审批（≥100万元）',
    ]);
    expect(after.filter((c) => c.document_type === 'maintenance').map((c) => c.label)).toEqual(['单位资产管理员确认']);
  });
});

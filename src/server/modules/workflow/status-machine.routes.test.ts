import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_STATUSES, type CardStatus } from '../../../shared/assets.enums.ts';
import type { DocumentInput } from '../../../shared/workflow.contracts.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createWorkflowWorld, type WorkflowWorld, SALE } from '../../testing/world.ts';
import type { CardRow } from '../assets/index.ts';
import { CARD_TRANSITIONS } from '../assets/index.ts';

// Through the API: every card document type against a card in every status. The document is
// accepted exactly where the status machine allows it; elsewhere it is refused, naming the status.
describe('the status machine through the API', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client;
  const cards = new Map<CardStatus, CardRow>();
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    admin = await t.as('u01-admin');
    for (const status of Object.keys(CARD_STATUSES) as CardStatus[]) {
      const lent = status === 'lent' || status === 'rented';
      cards.set(
        status,
        await addCard(t.database, w, {
          status,
          useMode: lent ? status : 'self_use',
          counterparty: lent ? '市档案馆' : null,
          acquiredOn: '2015-01-01',
          postedOn: status === 'pending_posting' ? null : '2015-01-02',
        }),
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const DOCS: { name: string; input: Omit<DocumentInput, 'lines'>; key: string }[] = [
    { name: 'requisition', input: { type: 'requisition', payload: {} }, key: 'requisition' },
    { name: 'return', input: { type: 'return', payload: {} }, key: 'return' },
    { name: 'change (handover)', input: { type: 'change', payload: { changeKind: 'handover' } }, key: 'change:handover' },
    {
      name: 'change (revaluation)',
      input: { type: 'change', payload: { changeKind: 'revaluation', newValueFen: 1 } },
      key: 'change:revaluation',
    },
    { name: 'transfer (internal)', input: { type: 'transfer', payload: {} }, key: 'transfer:internal' },
    { name: 'transfer (cross-unit)', input: { type: 'transfer', counterpartUnitId: '', payload: {} }, key: 'transfer:cross_unit' },
    {
      name: 'lending',
      input: { type: 'lending', payload: { mode: 'lent', counterparty: '市档案馆', periodFrom: '2026-01-01', periodTo: '2026-02-01' } },
      key: 'lending:lent',
    },
    { name: 'disposal', input: { type: 'disposal', payload: SALE }, key: 'disposal' },
    { name: 'maintenance', input: { type: 'maintenance', payload: { vendor: '维修站' } }, key: 'maintenance' },
  ];
  const cases = DOCS.flatMap((d) =>
    (Object.keys(CARD_STATUSES) as CardStatus[]).map((status) => ({
      ...d,
      status,
      allowed: CARD_TRANSITIONS[d.key].from.includes(status),
    })),
  );

  it.each(cases)('$name on a card $status: allowed=$allowed', async ({ input, status, allowed }) => {
    const body = {
      ...input,
      ...(input.counterpartUnitId !== undefined ? { counterpartUnitId: w.u02 } : {}),
      lines: [{ cardId: cards.get(status)!.id }],
    };
    const res = await admin.post('/api/documents', body);
    if (allowed) {
      expect(res.statusCode, res.body).toBe(201);
      // Free the card for the next case.
      expect((await admin.post(`/api/documents/${res.json().id}/cancel`, {})).statusCode).toBe(200);
    } else {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields['lines.0.cardId']).toContain(CARD_STATUSES[status][0]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DOCUMENT_TYPE_SPECS,
  DOCUMENT_TYPES,
  DocumentInput,
  DocumentLineInput,
  type DocumentType,
  documentTypeSpec,
} from '../../../shared/workflow.contracts.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { cardOf, createDoc, createWorkflowWorld, expectOk, inUseCard, type WorkflowWorld, SALE } from '../../testing/world.ts';
import { INPUT_REFS, LINE_REFS, PAYLOAD_REFS } from './payload.refs.ts';

/** Paths of every uuid field in a zod schema (arrays flattened: `declinedIdle.cardId`). */
function uuidPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return uuidPaths(def.innerType as z.ZodType, prefix);
  if (def.type === 'array') return uuidPaths(def.element as z.ZodType, prefix);
  if (def.type === 'union') return [...new Set((def.options as z.ZodType[]).flatMap((o) => uuidPaths(o, prefix)))];
  if (def.type === 'object') {
    return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => uuidPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return def.type === 'string' && def.format === 'uuid' ? [prefix] : [];
}

/** Per type, a payload that passes the type's own checks, so the id check is what answers. */
const BASE: Record<DocumentType, Record<string, unknown>> = {
  config_request: {},
  procurement: { supplier: '某供应商' },
  acceptance: {},
  requisition: {},
  return: {},
  change: {},
  transfer: {},
  lending: { mode: 'lent', counterparty: '某单位', periodFrom: '2026-01-01', periodTo: '2026-06-30' },
  disposal: SALE,
  maintenance: { vendor: '某维修公司' },
  point_request: { action: 'remove' },
};

describe('ids inside document payloads are scope-checked like a direct write', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client, officer: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [admin, officer] = await Promise.all(['u01-admin', 'officer'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('declares every id field of the document contracts (a new one must be declared in payload.refs.ts)', () => {
    const payloadIds = [...new Set(DOCUMENT_TYPE_SPECS.flatMap((s) => uuidPaths(s.payload)))];
    expect(payloadIds.sort()).toEqual(Object.keys(PAYLOAD_REFS).sort());
    expect(uuidPaths(DocumentLineInput).sort()).toEqual(Object.keys(LINE_REFS).sort());
    expect(
      uuidPaths(DocumentInput)
        .filter((p) => !p.startsWith('payload.') && !p.startsWith('lines.') && p !== 'unitId')
        .sort(),
    ).toEqual(Object.keys(INPUT_REFS).sort());
  });

  it("refuses another unit's department, custodian and room in every document type that has them, naming the field, and writes nothing", async () => {
    const foreign = { departmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room };
    const problems: string[] = [];
    for (const type of Object.keys(DOCUMENT_TYPES) as DocumentType[]) {
      expect(BASE[type], `a base payload for ${type}`).toBeDefined();
      // A type's payload is its own: a field it does not have is not read, stored or acted on.
      const own = Object.keys(documentTypeSpec(type).payload.shape);
      for (const [field, id] of Object.entries(foreign).filter(([f]) => own.includes(f))) {
        const who = type === 'procurement' ? officer : admin;
        const body = { type, unitId: w.u01, payload: { ...BASE[type], [field]: id }, lines: [{}] };
        const res = await who.post('/api/documents', body);
        const msg = res.json().fields?.[`payload.${field}`];
        if (res.statusCode !== 400 || !/不存在或不属于申请单位/.test(msg ?? ''))
          problems.push(`${type} ${field}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
    expect((await admin.get('/api/documents?pageSize=100')).json().total).toBe(0);
  });

  it("refuses a unit's handover naming another unit's staff on create and on edit", async () => {
    const card = await inUseCard(t.database, w);
    const own = {
      type: 'change' as const,
      payload: { changeKind: 'handover' as const, departmentId: w.u01Dept, custodianId: w.u01Staff },
      lines: [{ cardId: card.id }],
    };
    const res = await admin.post('/api/documents', {
      ...own,
      payload: { ...own.payload, departmentId: undefined, custodianId: w.u02Staff },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ 'payload.custodianId': '保管人不存在或不属于申请单位' });
    const id = await createDoc(admin, own);
    const edit = await admin.put(`/api/documents/${id}`, { ...own, payload: { ...own.payload, roomId: w.u02Room } });
    expect(edit.json().fields).toEqual({ 'payload.roomId': '存放地点不存在或不属于申请单位' });
    // A custodian of the unit but of another department than the one named, as on a card.
    const other = await admin.put(`/api/documents/${id}`, { ...own, payload: { ...own.payload, custodianId: w.u01Staff2 } });
    expect(other.json().fields).toEqual({ 'payload.custodianId': '保管人不在所选使用部门' });
    // A shared room (of no unit) is allowed, as on a card.
    await expectOk(admin.put(`/api/documents/${id}`, { ...own, payload: { ...own.payload, roomId: w.sharedRoom } }));
  });

  it('takes the receiving side of a transfer between units from the receiving unit, and places the card there on execution', async () => {
    const card = await inUseCard(t.database, w);
    const mine = await admin.post('/api/documents', {
      type: 'transfer',
      counterpartUnitId: w.u02,
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
      lines: [{ cardId: card.id }],
    });
    expect(mine.statusCode).toBe(400);
    expect(mine.json().fields).toEqual({
      'payload.departmentId': '使用部门不存在或不属于调入单位',
      'payload.custodianId': '保管人不存在或不属于调入单位',
    });
    const id = await createDoc(admin, {
      type: 'transfer',
      counterpartUnitId: w.u02,
      payload: { departmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    for (const approver of ['u01-leader', 'u02-leader', 'officer'])
      await expectOk((await t.as(approver)).post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    expect(await cardOf(t.database, card.id)).toMatchObject({ unit_id: w.u02, custodian_id: w.u02Staff });
  });

  it("refuses another unit's card as the card a configuration request replaces, and an unknown receiving unit", async () => {
    const theirs = await inUseCard(t.database, w, {
      unitId: w.u02,
      usingDepartmentId: w.u02Dept,
      custodianId: w.u02Staff,
      roomId: w.u02Room,
    });
    const res = await admin.post('/api/documents', {
      type: 'config_request',
      payload: {},
      lines: [{ categoryId: w.cat.desktop, quantity: 1, unitPriceFen: 1, replacesCardId: theirs.id }],
    });
    expect(res.json().fields).toEqual({ 'lines.0.replacesCardId': '被替换的资产不存在或不属于申请单位' });
    const card = await inUseCard(t.database, w);
    const nowhere = await admin.post('/api/documents', {
      type: 'transfer',
      counterpartUnitId: crypto.randomUUID(),
      payload: {},
      lines: [{ cardId: card.id }],
    });
    expect(nowhere.json().fields).toEqual({ counterpartUnitId: '调入单位不存在' });
  });

  it('drops from a payload a field its type does not have: a disposal naming a department stores none', async () => {
    const card = await inUseCard(t.database, w);
    const body = { type: 'disposal', payload: { ...SALE, departmentId: w.u02Dept }, lines: [{ cardId: card.id }] };
    const id = await createDoc(admin, body as never);
    expect((await admin.get(`/api/documents/${id}`)).json().payload).toEqual(SALE);
  });
});

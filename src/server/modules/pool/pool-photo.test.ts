import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { multipart } from '../../testing/sheets.ts';
import { createWorkflowWorld, eventsOf, idleCard, type WorkflowWorld } from '../../testing/world.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2b1a10000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n%probe\n');

const send = (c: Client, url: string, file: Buffer, name: string) => {
  const { body, headers } = multipart(file, name);
  return c.request('POST', url, body, headers);
};

describe('pool photos, the 有照片 filter and the 入仓单', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let u01: Client, u02: Client, officer: Client, u02staff: Client;
  // u02's desk (原值 6,123.45 yuan, net 3,623.45), listed virtually with a photo and an invoice on its card;
  // u01's printer listed physically and u01's chair listed virtually, both without photos.
  let desk: { id: string; listing: string };
  let printer: { id: string; listing: string };
  let chair: { id: string; listing: string };
  let invoiceId: string;
  let cardPhotoId: string;

  const offer = async (c: Client, cardId: string, mode: 'virtual' | 'physical') => {
    const res = await c.post('/api/pool/listings', { cardIds: [cardId], mode, reason: 'idle', condition: 'good', note: '测试入仓' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().ids[0] as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [u01, u02, officer, u02staff] = await Promise.all(['u01-admin', 'u02-admin', 'officer', 'u02-staff'].map((u) => t.as(u)));
    const d = await idleCard(t.database, w, {
      unitId: w.u02,
      name: '台式计算机',
      spec: 'M720',
      roomId: w.u02Room,
      usingDepartmentId: null,
      originalValueFen: 612_345,
      accumulatedDepreciationFen: 250_000,
    });
    // Before listing: an invoice scanned as an image and a photo, both the card's own attachments.
    const inv = await send(u02, `/api/cards/${d.id}/attachments?kind=invoice`, PNG, '发票.png');
    expect(inv.statusCode, inv.body).toBe(201);
    invoiceId = inv.json().id;
    const ph = await send(u02, `/api/cards/${d.id}/attachments?kind=photo`, PNG, '正面.png');
    expect(ph.statusCode, ph.body).toBe(201);
    cardPhotoId = ph.json().id;
    desk = { id: d.id, listing: await offer(u02, d.id, 'virtual') };
    const p = await idleCard(t.database, w, { name: '激光打印机', originalValueFen: 150_001, roomId: w.u01Room });
    printer = { id: p.id, listing: await offer(u01, p.id, 'physical') };
    const c = await idleCard(t.database, w, { name: '办公椅', originalValueFen: 80_000, roomId: w.u01Room });
    chair = { id: c.id, listing: await offer(u01, c.id, 'virtual') };
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows the card's photos (not its invoice) to every unit, and the offering unit adds more through the pool", async () => {
    const up = await send(u02, `/api/pool/listings/${desk.listing}/photos`, PNG, '侧面.png');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '侧面.png', contentType: 'image/png', size: PNG.length });
    // The photo is the card's attachment of kind 照片, with its ledger event.
    expect((await eventsOf(t.database, desk.id)).map((e) => e.type)).toEqual([
      'opening_registration',
      'attachment_added',
      'attachment_added',
      'attachment_added',
    ]);
    const list = await u01.get(`/api/pool/listings/${desk.listing}/photos`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { fileName: string }) => p.fileName)).toEqual(['正面.png', '侧面.png']);
    const byOther = await u01.get(`/api/pool/listings/${desk.listing}/photos/${cardPhotoId}`);
    expect(byOther.statusCode).toBe(200);
    expect(byOther.headers['content-type']).toBe('image/png');
    expect(byOther.rawPayload.equals(PNG)).toBe(true);
  });

  it("does not let another unit read the card's other attachments, through the pool or the card", async () => {
    expect((await u01.get(`/api/pool/listings/${desk.listing}/photos/${invoiceId}`)).statusCode).toBe(404);
    expect((await u01.get(`/api/cards/${desk.id}/attachments/${invoiceId}`)).statusCode).toBe(404);
    expect((await u01.get(`/api/cards/${desk.id}/attachments/${cardPhotoId}`)).statusCode).toBe(404);
    // A photo id under another listing is not that listing's photo.
    expect((await u01.get(`/api/pool/listings/${printer.listing}/photos/${cardPhotoId}`)).statusCode).toBe(404);
  });

  it('lets only the offering unit or the committee add photos, and only images', async () => {
    const other = await send(u01, `/api/pool/listings/${desk.listing}/photos`, PNG, 'x.png');
    expect(other.statusCode).toBe(404);
    expect((await send(u02staff, `/api/pool/listings/${desk.listing}/photos`, PNG, 'x.png')).statusCode).toBe(403);
    const pdf = await send(u02, `/api/pool/listings/${desk.listing}/photos`, PDF, '说明.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toBe('bad_file');
    const committee = await send(officer, `/api/pool/listings/${desk.listing}/photos`, PNG, '仓库拍摄.png');
    expect(committee.statusCode, committee.body).toBe(201);
    expect((await u02.get(`/api/pool/listings/${desk.listing}/photos`)).json().items).toHaveLength(3);
  });

  it('filters the catalogue on 有照片 with exact counts, and each row carries its photo ids', async () => {
    const withPhotos = (await u01.get('/api/pool/listings?hasPhoto=true')).json();
    expect(withPhotos.total).toBe(1);
    expect(withPhotos.items.map((l: { id: string }) => l.id)).toEqual([desk.listing]);
    expect(withPhotos.items[0].photoIds).toHaveLength(3);
    expect(withPhotos.items[0].photoIds[0]).toBe(cardPhotoId);
    const without = (await u01.get('/api/pool/listings?hasPhoto=false')).json();
    expect(without.total).toBe(2);
    expect(without.items.map((l: { id: string }) => l.id).sort()).toEqual([printer.listing, chair.listing].sort());
    expect(without.items.every((l: { photoIds: string[] }) => l.photoIds.length === 0)).toBe(true);
    expect((await u01.get('/api/pool/listings')).json().total).toBe(3);
    expect((await u01.get('/api/pool/listings?hasPhoto=true&q=台式')).json().total).toBe(1);
    expect((await u01.get('/api/pool/listings?hasPhoto=true&q=打印')).json().total).toBe(0);
  });

  it('prints the 入仓单 with the exact figures in yuan, for the offering unit and the committee only', async () => {
    const res = await u02.get(`/api/pool/listings/${desk.listing}/receipt`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const listing = (await u02.get(`/api/pool/listings/${desk.listing}`)).json();
    expect(r.receiptNo).toBe(listing.receiptNo);
    expect(r.receiptNo).toMatch(new RegExp(`^RC-${listing.listedOn.slice(0, 4)}-\\d{6}$`));
    expect(r).toMatchObject({
      listedOn: listing.listedOn,
      unitCode: '11002',
      unitName: '市财政局',
      cardNo: listing.cardNo,
      name: '台式计算机',
      categoryCode: '2010104',
      categoryName: '台式机',
      spec: 'M720',
      quantity: 1,
      measureUnit: '台',
      originalValueFen: 612_345,
      netValueFen: 362_345,
      originalValueYuan: '6123.45',
      netValueYuan: '3623.45',
      condition: 'good',
      mode: 'virtual',
      reason: 'idle',
      warehouseLocation: null,
      note: '测试入仓',
      photos: 3,
    });
    expect((await officer.get(`/api/pool/listings/${desk.listing}/receipt`)).statusCode).toBe(200);
    expect((await u01.get(`/api/pool/listings/${desk.listing}/receipt`)).statusCode).toBe(404);
    expect((await u01.get(`/api/pool/listings/${desk.listing}/receipt.xlsx`)).statusCode).toBe(404);

    const phys = (await u01.get(`/api/pool/listings/${printer.listing}/receipt`)).json();
    expect(phys).toMatchObject({
      mode: 'physical',
      originalValueYuan: '1500.01',
      warehouseLocation: '第一集中办公区 1号楼 301',
      photos: 0,
    });
    const numbers = [r.receiptNo, phys.receiptNo, (await u01.get(`/api/pool/listings/${chair.listing}/receipt`)).json().receiptNo];
    expect(new Set(numbers).size).toBe(3);
    // Stable: read again, the same number.
    expect((await u02.get(`/api/pool/listings/${desk.listing}/receipt`)).json().receiptNo).toBe(r.receiptNo);
  });

  it('exports the 入仓单 as a workbook with the amounts in yuan', async () => {
    const res = await u02.get(`/api/pool/listings/${desk.listing}/receipt.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('入仓单')!;
    const values = new Map<string, unknown>();
    ws.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('原值（元）')).toBe(6123.45);
    expect(values.get('入仓时净值（元）')).toBe(3623.45);
    expect(values.get('入仓单位')).toBe('市财政局（11002）');
    expect(values.get('照片')).toBe('3 张');
  });

  it('stops adding photos once the item has left the pool, and shows none the card gets afterwards', async () => {
    const w1 = await u01.post(`/api/pool/listings/${chair.listing}/withdraw`, {});
    expect(w1.statusCode, w1.body).toBe(200);
    const late = await send(u01, `/api/pool/listings/${chair.listing}/photos`, PNG, 'late.png');
    expect(late.statusCode).toBe(409);
    const onCard = await send(u01, `/api/cards/${chair.id}/attachments?kind=photo`, PNG, 'later.png');
    expect(onCard.statusCode, onCard.body).toBe(201);
    expect((await u02.get(`/api/pool/listings/${chair.listing}/photos`)).json().items).toEqual([]);
    expect((await u02.get(`/api/pool/listings/${chair.listing}/photos/${onCard.json().id}`)).statusCode).toBe(404);
  });
});

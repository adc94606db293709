import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pickEncoding, type WebFile } from './web-app.static.ts';

// A build folder as vite writes it: index.html, hashed assets, a service worker beside them.
const INDEX = `<!doctype html><html><head><title>公物</title><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: '资产 ${i}' }`).join(', ')}];\n`;
const ICON = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('the web app served from memory', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
    fs.writeFileSync(path.join(dir, 'assets', 'logo-9f8e7d6c.png'), ICON);
    fs.writeFileSync(path.join(dir, 'count-sw.js'), SCRIPT);
    fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
    t = await createTestApp({ config: { webDir: dir } });
    await t.webReady;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('answers / and a client-side route with index.html, to be asked again each time, with the security headers', async () => {
    for (const url of ['/', '/index.html', '/cards/42?tab=history']) {
      const res = await get(url);
      expect({
        url,
        status: res.statusCode,
        body: res.body,
        type: res.headers['content-type'],
        cache: res.headers['cache-control'],
      }).toEqual({
        url,
        status: 200,
        body: INDEX,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      });
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('lets a browser keep the hashed assets for good, and the service worker not at all', async () => {
    const asset = await get('/assets/index-Ab12Cd34.js');
    expect([asset.statusCode, asset.headers['content-type'], asset.headers['cache-control'], asset.body]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
      SCRIPT,
    ]);
    const image = await get('/assets/logo-9f8e7d6c.png');
    expect([image.headers['content-type'], image.rawPayload.equals(ICON)]).toEqual(['image/png', true]);
    expect((await get('/count-sw.js')).headers['cache-control']).toBe('no-cache');
    // A hidden file in the folder is not part of the app: its path is a client-side route like any other.
    expect((await get('/.env')).body).toBe(INDEX);
  });

  it('sends brotli or gzip as the browser accepts, each decoding to the file, and small or binary files as they are', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    const gz = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect((await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    // 165 bytes of HTML and a PNG gain nothing from compression.
    expect((await get('/', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
    expect((await get('/assets/logo-9f8e7d6c.png', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 without a body to a browser that holds the same version, in any encoding', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const first = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': encoding });
      const etag = String(first.headers.etag);
      const again = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': encoding, 'if-none-match': etag });
      expect([encoding, again.statusCode, again.body]).toEqual([encoding, 304, '']);
    }
    const etags = new Set(
      await Promise.all(
        ['br', 'gzip', 'identity'].map(async (e) => (await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': e })).headers.etag),
      ),
    );
    expect(etags.size).toBe(3); // one strong ETag per set of bytes
    expect((await get('/assets/index-Ab12Cd34.js', { 'if-none-match': '"another-version"' })).statusCode).toBe(200);
  });

  it('answers HEAD with the headers alone', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: '/assets/index-Ab12Cd34.js' });
    expect([res.statusCode, res.body, res.headers['content-type']]).toEqual([200, '', 'text/javascript; charset=utf-8']);
  });

  it('keeps unknown API paths a JSON 404 and does not count page loads against the rate limit', async () => {
    const res = await get('/api/no-such-thing');
    expect([res.statusCode, res.json().error]).toEqual([404, 'not_found']);
    const api = await get('/api/health');
    const page = await get('/assets/index-Ab12Cd34.js');
    expect([api.headers['x-ratelimit-limit'] !== undefined, page.headers['x-ratelimit-limit']]).toEqual([true, undefined]);
  });
});

describe('choosing the encoding', () => {
  const file = { br: Buffer.alloc(1), gzip: Buffer.alloc(1) } as WebFile;
  it('prefers brotli, honours q=0 and falls back to none', () => {
    expect(
      ['gzip, deflate, br', 'gzip', 'br;q=0, gzip;q=0.5', 'BR', 'deflate', '', 'gzip;q=0'].map((h) => pickEncoding(h, file) ?? 'none'),
    ).toEqual(['br', 'gzip', 'gzip', 'br', 'none', 'none', 'none']);
    expect(pickEncoding('br', { gzip: Buffer.alloc(1) } as WebFile)).toBeUndefined();
  });
});

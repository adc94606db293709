import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.ts';

/**
 * The built web app served from memory: every file of the build folder is read once at start, with
 * its ETag and its gzip and brotli forms, so a request is answered in the tick that parsed it — no
 * stat, open or read on the thread pool, each of which would wait its turn in the event loop behind
 * the API's work (docs/decisions.md, "The web app from memory").
 */
export interface WebFile {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  gzip?: Buffer;
  br?: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.map', '.txt', '.svg']);
/** Vite names every file under assets/ by its content's hash: a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, the service worker, the manifest: always asked again (an ETag makes that a 304). */
const REVALIDATE = 'no-cache';
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Reads the build folder into memory; URL path ("/assets/x.js") → file. */
export function loadWebFiles(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, rel);
    // Hidden files are not part of the app (the static plugin before ignored them too).
    if (rel.split(path.sep).some((part) => part.startsWith('.')) || !fs.statSync(full).isFile()) continue;
    const body = fs.readFileSync(full);
    const ext = path.extname(rel).toLowerCase();
    const url = `/${rel.split(path.sep).join('/')}`;
    files.set(url, {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`,
      cacheControl: url.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
    });
  }
  return files;
}

/**
 * Fills in the compressed forms on the thread pool, one file after another (gzip 9 and brotli 5: the
 * 4 MB build in about 0.6 s and 20 MB more resident; brotli 11 took 6.6 s of CPU for 8 % less, and
 * all files at once held every encoder's state together, 40 MB). Until a file's forms are ready it
 * goes out as is.
 */
export async function compressWebFiles(files: Map<string, WebFile>): Promise<void> {
  for (const [url, f] of files) {
    if (!COMPRESSIBLE.has(path.extname(url).toLowerCase()) || f.body.length < 1024) continue;
    const gz = await gzip(f.body, { level: 9 });
    const br = await brotli(f.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: f.body.length },
    });
    if (gz.length < f.body.length) f.gzip = gz;
    if (br.length < f.body.length) f.br = br;
  }
}

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses). */
export function pickEncoding(accept: string | undefined, f: WebFile): 'br' | 'gzip' | undefined {
  if (!accept || (!f.br && !f.gzip)) return undefined;
  let br = false;
  let gz = false;
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip') gz = true;
  }
  if (br && f.br) return 'br';
  if (gz && f.gzip) return 'gzip';
  return undefined;
}

const notModified = (req: FastifyRequest, etags: string[]) => {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => etags.includes(t.trim().replace(/^W\//, '')));
};

export function sendWebFile(req: FastifyRequest, reply: FastifyReply, f: WebFile): FastifyReply {
  const encoding = pickEncoding(req.headers['accept-encoding'], f);
  // A strong ETag names the bytes sent: each encoding has its own.
  const etag = encoding ? `${f.etag.slice(0, -1)}-${encoding}"` : f.etag;
  reply.header('cache-control', f.cacheControl).header('etag', etag);
  if (f.gzip || f.br) reply.header('vary', 'Accept-Encoding');
  if (notModified(req, [f.etag, `${f.etag.slice(0, -1)}-br"`, `${f.etag.slice(0, -1)}-gzip"`])) return reply.code(304).send();
  reply.type(f.type);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(encoding === 'br' ? f.br : encoding === 'gzip' ? f.gzip : f.body);
}

/** A GET (and HEAD) route for every file of the build, and `/` for index.html. */
export function registerWebFiles(app: App, files: Map<string, WebFile>): void {
  // Not /api: no access check; no rate limit (a page load must not eat a busy user's API budget).
  const routeOptions = { config: { rateLimit: false }, schema: { hide: true } } as const;
  for (const [url, f] of files) {
    app.get(url, routeOptions, (req, reply) => sendWebFile(req, reply, f));
    if (url === '/index.html') app.get('/', routeOptions, (req, reply) => sendWebFile(req, reply, f));
  }
}

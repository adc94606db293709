import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Starts the real server (the CLI, as a user would) on a fresh embedded database with the small
 * demo, and one headless Chromium. The web app must be built already (`npx vite build`).
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PASSWORD = 'Gongwu@2026';
const RESULTS = path.join(ROOT, 'test-results');

/**
 * How long a spec waits for the page (every action, and the polls that take WAIT): 30 s, because the
 * suite runs beside the other suites on two cores, where a page that answers in one second alone
 * answered in over fifteen.
 */
export const WAIT = { timeout: 30_000, interval: 250 };

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser context (own cookies and storage) and page; screenshots go to test-results/ on
   * failure. `options` adds to the desktop defaults (a phone's emulation: viewport, touch, agent).
   */
  withPage<T>(name: string, fn: (page: Page, context: BrowserContext) => Promise<T>, options?: BrowserContextOptions): Promise<T>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, log: () => string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s:\n${log()}`);
}

export async function startHarness(): Promise<Harness> {
  const webDir = path.resolve(ROOT, process.env.GONGWU_WEB_DIR ?? 'dist/web');
  if (!fs.existsSync(path.join(webDir, 'index.html')))
    throw new Error(`the web app is not built in ${webDir}: run \`npx vite build\` first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    GONGWU_DATA_DIR: dataDir,
    GONGWU_DEMO_SCALE: 'small',
    GONGWU_WEB_DIR: webDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '', // the embedded engine, whatever the caller's environment says
  };
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['bin/gongwu.js', ...args], { cwd: ROOT, env, stdio: 'pipe', timeout: 300_000 });
  const template = process.env.GONGWU_E2E_TEMPLATE_DIR;
  if (template) {
    // The run's seeded database (global-setup.ts), copied: each spec file has fresh data of its own.
    fs.cpSync(template, dataDir, { recursive: true });
  } else {
    cli('migrate');
    cli('seed-demo');
  }

  let output = '';
  const server = spawn(process.execPath, ['bin/gongwu.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  server.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server, () => output);
  } catch (err) {
    server.kill('SIGKILL');
    throw err;
  }

  // Playwright gives every launch a fresh, temporary profile (it refuses --user-data-dir here).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

  return {
    baseUrl,
    browser,
    async withPage(name, fn, options) {
      // Reduced motion: the app then opens dialogs without animation, so a click never lands mid-growth.
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        viewport: { width: 1400, height: 900 },
        reducedMotion: 'reduce',
        ...options,
      });
      context.setDefaultTimeout(WAIT.timeout);
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      try {
        return await fn(page, context);
      } catch (err) {
        fs.mkdirSync(RESULTS, { recursive: true });
        const file = path.join(RESULTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        const extra = consoleErrors.length ? `\npage errors:\n${consoleErrors.join('\n')}` : '';
        throw Object.assign(err as Error, { message: `${(err as Error).message}\nscreenshot: ${path.relative(ROOT, file)}${extra}` });
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the API (the context's cookie jar takes the session cookie) and opens the server's
 * health answer, so the page is on the app's origin (its `fetch` and `page.request` carry the session)
 * without booting the app: nearly every test goes to its own page next, and signing in through the
 * login page booted the app twice per test (the login page, then the dashboard it lands on). A test
 * that needs the signed-in frame goes to a page of the app; `signInThroughPage` is the person's way.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await page.context().request.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`sign-in of ${username} through the API failed: ${res.status()} ${await res.text()}`);
  await page.goto('/api/health');
}

/** Signs in through the login page and waits for the signed-in frame. */
export async function signInThroughPage(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.app-layout').waitFor();
}

/**
 * Signs `username` in through the API, as a script would, and answers a caller that sends the session's
 * cookie and CSRF token with each request (JSON bodies). Specs shape their own get/post over it.
 */
export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

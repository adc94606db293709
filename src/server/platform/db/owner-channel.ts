import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import util from 'node:util';
import type { FolderLock, LockHolder } from './folder-lock.ts';
import { StartupError } from './startup-error.ts';

/**
 * The owner channel: how a `gongwu` command reaches an embedded database that a running server
 * owns (folder-lock.ts). Instead of opening the folder a second time, the command sends its
 * arguments to the server, which runs the very same command on its own open database and streams
 * the output back. It listens on 127.0.0.1 at a port written in the lock file and accepts only a
 * caller that presents the token in `admin.token`, a file of the data folder only its owner can
 * read (0600): the same user who could open the folder anyway.
 */
export const TOKEN_FILE = 'admin.token';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}
/** Runs one CLI command line (arguments after `gongwu`) in this process; resolves to its exit code. */
export type CommandRunner = (argv: string[], io: CommandIo) => Promise<number>;

const current = new AsyncLocalStorage<CommandIo>();
let consoleRouted = false;

/** Console output made while a command runs goes to that command's caller, not the server log. */
function routeConsole(): void {
  if (consoleRouted) return;
  consoleRouted = true;
  for (const [name, stream] of [
    ['log', 'out'],
    ['info', 'out'],
    ['warn', 'err'],
    ['error', 'err'],
  ] as const) {
    const original = console[name].bind(console);
    console[name] = (...args: unknown[]) => {
      const io = current.getStore();
      if (io) io[stream](util.format(...args) + '\n');
      else original(...args);
    };
  }
}

export interface OwnerChannel {
  port: number;
  close(): Promise<void>;
}

export async function startOwnerChannel(dir: string, lock: FolderLock, run: CommandRunner): Promise<OwnerChannel> {
  routeConsole();
  const token = crypto.randomBytes(32).toString('hex');
  const tokenFile = path.join(dir, TOKEN_FILE);
  fs.rmSync(tokenFile, { force: true });
  fs.writeFileSync(tokenFile, token, { mode: 0o600, flag: 'wx' });
  const expected = Buffer.from(token);
  // One command at a time: a command may set process.exitCode and works in the caller's folder.
  let queue: Promise<unknown> = Promise.resolve();

  const server = http.createServer((req, res) => {
    const given = Buffer.from(String(req.headers['x-gongwu-token'] ?? ''));
    if (req.method !== 'POST' || req.url !== '/run' || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      res.writeHead(403).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      let request: { argv: string[]; cwd: string };
      try {
        request = JSON.parse(body) as { argv: string[]; cwd: string };
        if (!Array.isArray(request.argv) || !request.argv.every((a) => typeof a === 'string')) throw new Error('argv');
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const send = (o: object) => res.write(JSON.stringify(o) + '\n');
      const io: CommandIo = { out: (t) => send({ out: t }), err: (t) => send({ err: t }) };
      queue = queue.then(() => runOne(request, io, run)).then((code) => res.end(JSON.stringify({ exit: code }) + '\n'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  lock.update({ role: 'server', adminPort: port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        fs.rmSync(tokenFile, { force: true });
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function runOne(request: { argv: string[]; cwd: string }, io: CommandIo, run: CommandRunner): Promise<number> {
  const savedExit = process.exitCode;
  const savedCwd = process.cwd();
  process.exitCode = undefined;
  try {
    // Relative file names (backup ./x.gz, import cards a.xlsx) mean the caller's folder.
    if (request.cwd && fs.existsSync(request.cwd)) process.chdir(request.cwd);
    const code = await current.run(io, () => run(request.argv, io));
    return code || Number(process.exitCode ?? 0);
  } catch (err) {
    io.err(`${(err as Error).message}\n`);
    return 1;
  } finally {
    process.chdir(savedCwd);
    process.exitCode = savedExit;
  }
}

/** Sends a command line to the server holding the folder; prints its output; resolves to its exit code. */
export async function runOnOwner(dir: string, holder: LockHolder, argv: string[]): Promise<number> {
  let token: string;
  try {
    token = fs.readFileSync(path.join(dir, TOKEN_FILE), 'utf8');
  } catch (err) {
    throw new StartupError(
      `服务器（pid ${holder.pid}）正在使用数据文件夹 ${dir}，但无法读取其口令文件（${(err as NodeJS.ErrnoException).code}）；请以运行服务器的用户执行此命令`,
      `the server (pid ${holder.pid}) holds ${dir} but its token file cannot be read (${(err as NodeJS.ErrnoException).code}); run the command as the user that runs the server`,
    );
  }
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: holder.adminPort,
        method: 'POST',
        path: '/run',
        headers: { 'x-gongwu-token': token, 'content-type': 'application/json' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(
            new StartupError(
              `服务器（pid ${holder.pid}）拒绝了命令（HTTP ${res.statusCode}）`,
              `the server (pid ${holder.pid}) refused the command (HTTP ${res.statusCode})`,
            ),
          );
          res.resume();
          return;
        }
        let exit = 1;
        let rest = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          rest += chunk;
          let nl: number;
          while ((nl = rest.indexOf('\n')) >= 0) {
            const line = rest.slice(0, nl);
            rest = rest.slice(nl + 1);
            if (!line) continue;
            const m = JSON.parse(line) as { out?: string; err?: string; exit?: number };
            if (m.out !== undefined) process.stdout.write(m.out);
            if (m.err !== undefined) process.stderr.write(m.err);
            if (m.exit !== undefined) exit = m.exit;
          }
        });
        res.on('end', () => resolve(exit));
        res.on('error', reject);
      },
    );
    req.on('error', (err) =>
      reject(
        new StartupError(
          `服务器（pid ${holder.pid}）正在使用数据文件夹 ${dir}，但无法连接它（${err.message}）`,
          `the server (pid ${holder.pid}) holds ${dir} but cannot be reached (${err.message})`,
        ),
      ),
    );
    req.end(JSON.stringify({ argv, cwd: process.cwd() }));
  });
}

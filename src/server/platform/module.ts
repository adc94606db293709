import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import type { App } from './http/types.ts';
import type { AnyJobKind } from './jobs/job.kinds.ts';

/** What a module hands the platform: its routes, its job handlers, its demo data. */
export interface GongwuModule {
  name: string;
  /** Lower runs first (demo data depends on order: org before catalog before assets …). */
  order: number;
  routes?: (app: App) => Promise<void>;
  jobs?: Record<string, AnyJobKind>;
  /**
   * Work the server repeats on a timer while it runs jobs (e.g. releasing bookings nobody checked in
   * to). Each run is short and idempotent; a run still going when the next is due is skipped.
   */
  schedules?: { name: string; everyMs: number; run: (database: Database) => Promise<unknown> }[];
  /**
   * Loads the module's demo data; runs once, on an empty database, in `order`. 'demo' is the full
   * demo (README); 'small' is a few records per unit for tests (the route walker, e2e).
   */
  seedDemo?: (database: Database, log: (msg: string) => void, opts: SeedOptions) => Promise<void>;
  /**
   * Idempotent reference data the module needs on every database (not demo data), written after
   * the migrations on each `migrate`: e.g. workflow's approval-chain defaults from its registry.
   * It must leave anything already there (edited by users) as it is.
   */
  install?: (database: Database) => Promise<void>;
  /** Adds the module's commands to the `gongwu` CLI. */
  cli?: (program: Command, ctx: CliContext) => void;
}

export interface SeedOptions {
  scale: 'demo' | 'small';
}

export interface CliContext {
  /** Opens (and migrates) the configured database; the command closes it. */
  open(): Promise<{ config: Config; database: Database }>;
  log(msg: string): void;
}

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');

/**
 * Every `modules/<name>/<name>.module.ts`, so a new module is one new folder and no shared file
 * changes (the platform imports no module by name: the wall in docs/architecture.md).
 */
export async function loadModules(): Promise<GongwuModule[]> {
  const found: GongwuModule[] = [];
  for (const name of fs.readdirSync(modulesDir).sort()) {
    const file = path.join(modulesDir, name, `${name}.module.ts`);
    if (!fs.existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { module: GongwuModule };
    found.push(mod.module);
  }
  return found.sort((a, b) => a.order - b.order);
}

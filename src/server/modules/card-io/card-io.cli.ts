import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Command } from 'commander';
import { CARD_STATUSES } from '../../../shared/assets.enums.ts';
import { CardFilter } from '../../../shared/assets.contracts.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { queryOne, type Database } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import type { CliContext } from '../../platform/module.ts';
import { exportCards } from './card-export.service.ts';
import { writeSampleImportFile } from './card-import.sample.ts';
import { importCards } from './card-import.service.ts';

/** `gongwu import` / `gongwu export`: shared parents, since other modules may add their own subcommands. */
function parent(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

async function unitIdOf(database: Database, code: string): Promise<string> {
  const unit = await queryOne<{ id: string }>(database.db, sql`SELECT id FROM units WHERE code = ${code}`);
  if (!unit) throw new AppError('not_found', `没有代码为 ${code} 的单位`);
  return unit.id;
}

const statusCode = (s: string) => {
  const hit = Object.entries(CARD_STATUSES).find(([code, [zh, en]]) => s === code || s === zh || s.toLowerCase() === en.toLowerCase());
  if (!hit)
    throw new AppError(
      'validation',
      `未知状态：${s}（可选：${Object.values(CARD_STATUSES)
        .map(([zh]) => zh)
        .join('、')}）`,
    );
  return hit[0];
};

/** Runs a command body, closing the database and mapping refusals to a message and exit code. */
async function run(ctx: CliContext, body: (database: Database) => Promise<number>): Promise<void> {
  const { database } = await ctx.open();
  try {
    process.exitCode = await body(database);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`错误（${err.id}）：${err.message}`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}

export function cardIoCli(program: Command, ctx: CliContext): void {
  parent(program, 'import', 'import data from files')
    .command('cards <file>')
    .description(
      'import asset cards from an .xlsx file (the template); all or nothing: a rejected file prints its row report, writes nothing and exits 1',
    )
    .requiredOption('--unit <code>', 'the owner unit code')
    .action((file: string, o: { unit: string }) =>
      run(ctx, async (database) => {
        const unitId = await unitIdOf(database, o.unit);
        const started = Date.now();
        const out = await importCards(database, { file: path.resolve(file), unitId, actorId: null, documentId: crypto.randomUUID() });
        if (!out.ok) {
          console.error(`导入被拒绝：${out.errorCount} 处错误，未写入任何数据。`);
          console.error(['行号', '列', '值', '原因'].join('\t'));
          for (const e of out.allErrors) console.error([e.row, e.column, e.value, e.reason].join('\t'));
          return 1;
        }
        ctx.log(
          `已导入 ${out.imported} 张卡片（${out.firstCardNo} – ${out.lastCardNo}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
        );
        return 0;
      }),
    );

  parent(program, 'import', 'import data from files')
    .command('cards-sample <file>')
    .description(
      "write a valid sample .xlsx for `import cards` (the unit's own departments, staff and rooms), for trying or timing the import",
    )
    .requiredOption('--unit <code>', 'the owner unit code')
    .option('--rows <n>', 'number of rows', '1000')
    .action((file: string, o: { unit: string; rows: string }) =>
      run(ctx, async (database) => {
        const rows = Number(o.rows);
        if (!Number.isInteger(rows) || rows < 1) throw new AppError('validation', '--rows 应为正整数');
        await writeSampleImportFile(database.db, path.resolve(file), await unitIdOf(database, o.unit), rows);
        ctx.log(`已生成 ${rows} 行的导入文件 ${file}`);
        return 0;
      }),
    );

  parent(program, 'export', 'export data to files')
    .command('cards <file>')
    .description('export asset cards to an .xlsx file')
    .option('--unit <code>', 'owner unit code')
    .option('--status <list>', 'statuses, comma-separated (codes or Chinese labels)')
    .option('--category <code>', 'category code (either edition); its whole subtree')
    .option('--q <text>', 'a fragment of card number, name, spec, brand or serial number')
    .action((file: string, o: { unit?: string; status?: string; category?: string; q?: string }) =>
      run(ctx, async (database) => {
        const filter = CardFilter.parse({
          unitId: o.unit ? await unitIdOf(database, o.unit) : undefined,
          status: o.status ? o.status.split(',').map((s) => statusCode(s.trim())) : undefined,
          categoryId: o.category ? await categoryIdOf(database, o.category) : undefined,
          q: o.q,
        });
        const started = Date.now();
        const { rows } = await exportCards(database.db, path.resolve(file), filter, 'all');
        await logSecurityEvent(database.db, {
          kind: 'export',
          username: 'cli',
          details: { what: 'cards', file: path.basename(file), filter, rows },
        });
        ctx.log(`已导出 ${rows} 张卡片到 ${file}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
        return 0;
      }),
    );
}

async function categoryIdOf(database: Database, code: string): Promise<string> {
  const row = await queryOne<{ id: string }>(
    database.db,
    sql`SELECT id FROM categories WHERE upper(code) = upper(${code}) ORDER BY edition DESC LIMIT 1`,
  );
  if (!row) throw new AppError('not_found', `没有分类代码 ${code}`);
  return row.id;
}

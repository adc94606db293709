import fs from 'node:fs';
import path from 'node:path';
import { LOCK_FILE } from './folder-lock.ts';
import { StartupError } from './startup-error.ts';

/** The PostgreSQL major version the bundled PGlite writes in PG_VERSION (a test keeps it honest). */
export const PGLITE_PG_MAJOR = '18';

/** Entries Gongwu itself puts in a data folder beside the database. */
const OWN_ENTRIES = new Set(['files', LOCK_FILE, `${LOCK_FILE}.takeover`, 'admin.token']);

/**
 * Refuses a folder that is not an embedded Gongwu database before anything is written: a file, a
 * folder of another program's files (PGlite's initdb would silently fill it), or a database made
 * by another PostgreSQL version (an older PGlite, a real PostgreSQL server's folder). An absent or
 * empty folder is fine: the first start creates the database.
 */
export function checkDataFolder(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) {
    throw new StartupError(`数据文件夹 ${dir} 是一个文件，不是文件夹`, `the data folder ${dir} is a file, not a folder`);
  }
  const entries = fs.readdirSync(dir);
  if (entries.includes('PG_VERSION')) {
    const version = fs.readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim();
    if (version !== PGLITE_PG_MAJOR) {
      throw new StartupError(
        `数据文件夹 ${dir} 由 PostgreSQL ${version} 创建，本程序内嵌的引擎是 PostgreSQL ${PGLITE_PG_MAJOR}，无法打开；请用原版本备份（gongwu backup）后恢复到新文件夹`,
        `the data folder ${dir} was made by PostgreSQL ${version}, this build embeds PostgreSQL ${PGLITE_PG_MAJOR}; back it up with the version that made it and restore into a new folder`,
      );
    }
    return;
  }
  const foreign = entries.filter((e) => !OWN_ENTRIES.has(e));
  if (foreign.length) {
    throw new StartupError(
      `数据文件夹 ${dir} 不是空文件夹，也不是公物的数据库（含 ${foreign.slice(0, 3).join('、')}${foreign.length > 3 ? ' 等' : ''}）；请指定一个空文件夹（GONGWU_DATA_DIR）`,
      `the data folder ${dir} is neither empty nor a Gongwu database (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); point GONGWU_DATA_DIR at an empty folder`,
    );
  }
}

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { IMPORT_ERRORS_IN_RESULT, type ImportError, type ImportResult } from '../../../shared/card-io.contracts.ts';
import { queryOne, type Database } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { type CardDraft, kindFor, openingBalanceEnd, registerCardsBulk } from '../assets/index.ts';
import { existingSerials, loadImportLookups } from './card-import.lookups.ts';
import { quotedError, shownValue, validateRow } from './card-import.validate.ts';
import { readCardSheet } from './card-sheet.reader.ts';
import { businessToday } from '../../platform/clock.ts';

export interface ImportRequest {
  file: string;
  unitId: string;
  actorId: string | null;
  /** The import's id (its job id): the cards' source document and their events' document_id. */
  documentId: string;
  /** Where to write the full error report when the file is rejected. */
  reportFile?: string;
  progress?: (processed: number, total?: number, message?: string) => void;
}

export interface ImportOutcome extends ImportResult {
  /** All errors (the result keeps the first 1,000). */
  allErrors: ImportError[];
  reportFile: string | null;
}

/**
 * Imports a unit's existing ledger, all or nothing: the file is read and every row checked first
 * (collecting every error); only a clean file is written, in one transaction, as opening
 * registrations. A rejected file writes nothing but its report.
 */
export async function importCards(database: Database, req: ImportRequest): Promise<ImportOutcome> {
  const db = database.db;
  const unit = await queryOne<{ id: string }>(db, sql`SELECT id FROM units WHERE id = ${req.unitId}`);
  if (!unit) throw new AppError('not_found', '单位不存在');
  const lookups = await loadImportLookups(db, req.unitId);
  const openingEnd = await openingBalanceEnd(db, req.unitId);
  const today = businessToday();
  const errors: ImportError[] = [];
  const drafts: CardDraft[] = [];
  const draftRows: number[] = [];
  const serialRows = new Map<string, number>();

  // The sheet's <dimension>, when present, gives a total for the progress bar while reading.
  let lastRow: number | undefined;
  req.progress?.(0, undefined, '正在读取和校验…');
  const { rows } = await readCardSheet(
    req.file,
    (rowNo, raw) => {
      const { draft, errors: rowErrors } = validateRow(rowNo, raw, lookups, today);
      const late = draft && supplementError(rowNo, draft, openingEnd, shownValue(raw.postedOn).trim());
      if (late) rowErrors.push(late);
      const serial = shownValue(raw.serialNo).trim();
      if (serial) {
        const first = serialRows.get(serial);
        if (first !== undefined) rowErrors.push({ row: rowNo, column: '序列号', value: serial, reason: `与第 ${first} 行的序列号重复` });
        else serialRows.set(serial, rowNo);
      }
      if (rowErrors.length) errors.push(...rowErrors.map(quotedError));
      // Drafts are kept only while the file is still clean: a rejected file needs no cards in memory.
      else if (draft && errors.length === 0) {
        drafts.push(draft);
        draftRows.push(rowNo);
      }
      if (rowNo % 1000 === 0) req.progress?.(rowNo, lastRow, `已读取并校验 ${rowNo} 行`);
    },
    (n) => {
      lastRow = n;
    },
  );
  if (rows === 0) throw new AppError('bad_file', '文件中没有数据行');

  if (serialRows.size) {
    const taken = await existingSerials(db, req.unitId, [...serialRows.keys()]);
    for (const [serial, row] of serialRows) {
      if (taken.has(serial)) errors.push({ row, column: '序列号', value: serial, reason: '本单位已有该序列号的卡片' });
    }
  }

  const base = { rows, unitId: req.unitId };
  const reject = async (all: ImportError[]): Promise<ImportOutcome> => {
    const found = all.map(quotedError).sort((a, b) => a.row - b.row);
    const reportFile = req.reportFile ? await writeErrorReport(req.reportFile, found) : null;
    return {
      ...base,
      ok: false,
      imported: 0,
      errorCount: found.length,
      errors: found.slice(0, IMPORT_ERRORS_IN_RESULT),
      allErrors: found,
      reportFile,
      firstCardNo: null,
      lastCardNo: null,
    };
  };
  if (errors.length) return reject(errors);

  req.progress?.(0, drafts.length, '正在写入…');
  const written = await withTx(db, async (tx) => {
    // Two imports into one unit at once must not both pass the serial-number check: the second
    // waits here, then sees the first one's cards.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`cards.import:${req.unitId}`}))`);
    // The books as they are now: a takeover recorded since the file was checked turns later rows into 补录.
    const endNow = await openingBalanceEnd(tx, req.unitId);
    if (endNow !== openingEnd) {
      const late = drafts.flatMap((d, i) => supplementError(draftRows[i], d, endNow, d.postedOn ?? '') ?? []);
      if (late.length) return { clash: late };
    }
    const taken = await existingSerials(tx, req.unitId, [...serialRows.keys()]);
    if (taken.size)
      return {
        clash: [...taken].map((serial) => ({
          row: serialRows.get(serial)!,
          column: '序列号',
          value: serial,
          reason: '本单位已有该序列号的卡片',
        })),
      };
    return registerCardsBulk(tx, {
      unitId: req.unitId,
      drafts,
      documentId: req.documentId,
      documentType: 'import',
      actorId: req.actorId,
      eventType: 'opening_registration',
      note: '期初导入',
      onProgress: (n) => req.progress?.(n, drafts.length, `已写入 ${n} 张卡片`),
    });
  });
  if ('clash' in written) return reject(written.clash);
  return {
    ...base,
    ok: true,
    imported: written.count,
    errorCount: 0,
    errors: [],
    allErrors: [],
    reportFile: null,
    firstCardNo: written.firstCardNo,
    lastCardNo: written.lastCardNo,
  };
}

/**
 * The card service's rule (assets card-supplement.service.ts) for each row: once the unit's books
 * are taken over, a card posted after the takeover month (or not yet posted) is a 补录 — it needs a
 * reason and finance's approval card by card, so an import, which registers opening balances, refuses
 * the row. A posting date in a closed month of a unit without a takeover is booked as a late entry
 * by the period trigger, as for a card registered by hand.
 */
function supplementError(row: number, d: CardDraft, openingEnd: string | null, shown: string): ImportError | null {
  if (kindFor(openingEnd, d.postedOn) === 'opening') return null;
  const takeover = openingEnd!.slice(0, 7);
  return {
    row,
    column: '入账日期',
    value: shown || d.postedOn || '',
    reason: d.postedOn
      ? `本单位账套已于 ${takeover} 期初建账，入账日期 ${d.postedOn} 在期初之后：这是补录，不能作为期初卡片导入，请在卡片页逐张补录并写明理由，由单位财务审核入账`
      : `本单位账套已于 ${takeover} 期初建账，待入账的卡片是补录，不能作为期初卡片导入，请在卡片页逐张补录并写明理由，由单位财务审核入账`,
  };
}

/** The full row report, streamed to disk (a bad file may have more errors than fit in a job result). */
export async function writeErrorReport(file: string, errors: ImportError[]): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 22 },
    { header: '值', key: 'value', width: 28 },
    { header: '原因', key: 'reason', width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow(e).commit();
  ws.commit();
  await wb.commit();
  return file;
}

import { useParams } from 'react-router-dom';
import type { SheetLine } from '../../../shared/document-sheet.contracts.ts';
import { documentTypeSpec, formatAge, type SheetFormat } from '../../../shared/document-types/index.ts';
import { formatYuan } from '../../../shared/money.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useDocumentSheet } from './api.ts';
import { useDocTypeLabel } from './docShared.tsx';

const cell: React.CSSProperties = { border: '1px solid #000', padding: '4px 6px', verticalAlign: 'top' };
const right: React.CSSProperties = { ...cell, textAlign: 'right' };

/** A value as the type's sheet says it prints. */
function show(v: unknown, format: SheetFormat | undefined, t: (zh: string, en: string) => string, en: boolean): string {
  if (v === null || v === undefined || v === '') return '';
  if (format === 'fen') return formatYuan(Number(v));
  if (format === 'age') return formatAge(Number(v), t);
  if (format && typeof format === 'object') {
    const label = format[String(v)];
    return label ? label[en ? 1 : 0] : String(v);
  }
  return String(v);
}

/**
 * 审批表: the printable approval sheet, one A4 page per document (lines continue on further pages).
 * What it shows of the payload and the lines is the type's own `sheet` (src/shared/document-types);
 * the figures (values, ages, places, resolved names) come from the server's sheet.
 */
export default function ApprovalSheetPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const en = locale === 'en';
  const typeLabel = useDocTypeLabel();
  const { data: doc } = useDocumentSheet(id);
  if (!doc) return null;
  const spec = documentTypeSpec(doc.type);
  const fields = (spec?.sheet.fields ?? []).filter(
    (f) => doc.facts[f.key] !== undefined && doc.facts[f.key] !== null && doc.facts[f.key] !== '',
  );
  const columns = spec?.sheet.columns ?? [];
  const fmt = (s: string | null) => formatDateTime(s);
  const label = (l: readonly [string, string]) => t(l[0], l[1]);
  return (
    <div
      style={{
        width: '190mm',
        margin: '0 auto',
        fontFamily: 'SimSun, serif',
        fontSize: 13,
        color: '#000',
        background: '#fff',
        padding: '8mm 0',
      }}
      data-testid="approval-sheet"
    >
      <style>{'@media print { .no-print { display: none } @page { size: A4; margin: 10mm } }'}</style>
      <button type="button" className="no-print" onClick={() => window.print()} style={{ float: 'right' }}>
        {t('打印', 'Print')}
      </button>
      <h2 style={{ textAlign: 'center', letterSpacing: 4 }}>
        {typeLabel(doc.type)}
        {t('审批表', ' approval sheet')}
      </h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6 }}>
        <span>
          {t('单位名称', 'Unit')}：{doc.unitName}
        </span>
        <span>
          {t('单据号', 'No.')}：{doc.docNo}
        </span>
        <span>
          {t('日期', 'Date')}：{doc.documentDate}
        </span>
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          <tr>
            <td style={cell}>{t('事由', 'Title')}</td>
            <td style={cell} colSpan={3}>
              {doc.title ?? ''}
            </td>
          </tr>
          <tr>
            <td style={cell}>{t('申请人', 'Applicant')}</td>
            <td style={cell}>{doc.applicantName}</td>
            <td style={cell}>{t('金额合计（元）', 'Total (yuan)')}</td>
            <td style={cell}>{formatYuan(doc.totalFen)}</td>
          </tr>
          {fields.map((f) => (
            <tr key={f.key}>
              <td style={{ ...cell, width: '22%' }}>{label(f.label)}</td>
              <td style={cell} colSpan={3}>
                {show(doc.facts[f.key], f.format, t, en)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 8 }}>
        <thead>
          <tr>
            <th style={cell}>#</th>
            {columns.map((c) => (
              <th key={c.key} style={cell}>
                {label(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.lineNo}>
              <td style={cell}>{l.lineNo}</td>
              {columns.map((c) => (
                <td key={c.key} style={c.format === 'fen' ? right : cell}>
                  {show(l[c.key as keyof SheetLine], c.format, t, en)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {columns.some((c) => c.key === 'ageMonths' || c.key === 'netValueFen') && (
        <div style={{ fontSize: 11, marginTop: 2 }}>{t(`价值与已使用年限截至 ${doc.asOf}`, `Values and ages as of ${doc.asOf}`)}</div>
      )}
      <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 8 }}>
        <tbody>
          {doc.steps.map((s) => (
            <tr key={s.stepNo} style={{ height: 60 }}>
              <td style={{ ...cell, width: '30%' }}>{s.label}</td>
              <td style={cell}>
                <div>{s.comment ?? (s.state === 'approved' ? t('同意', 'Approved') : '')}</div>
                <div style={{ textAlign: 'right' }}>
                  {s.decidedByName
                    ? `${t('签字', 'Signed')}：${s.decidedByName}${s.onBehalfOfName ? t(`（代 ${s.onBehalfOfName}）`, ` (for ${s.onBehalfOfName})`) : ''}　${fmt(s.decidedAt)}`
                    : ''}
                </div>
              </td>
            </tr>
          ))}
          <tr style={{ height: 40 }}>
            <td style={cell}>{t('执行', 'Executed by')}</td>
            <td style={cell}>
              {doc.executedByName ?? ''}　{fmt(doc.executedAt)}
            </td>
          </tr>
        </tbody>
      </table>
      <div style={{ textAlign: 'right', fontSize: 11, marginTop: 4 }}>
        {t('打印日期', 'Printed')}：{doc.printedOn}
      </div>
    </div>
  );
}

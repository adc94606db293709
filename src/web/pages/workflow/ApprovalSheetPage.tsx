import { useParams } from 'react-router-dom';
import { formatYuan } from '../../../shared/money.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useDocTypeLabel } from './docShared.tsx';
import { useDocument } from './DocumentDetailPage.tsx';
import { formatDateTime } from '../../lib/dates.ts';

const cell: React.CSSProperties = { border: '1px solid #000', padding: '4px 6px', verticalAlign: 'top' };

/** 审批单: the printable approval sheet, one A4 page per document (lines continue on further pages). */
export default function ApprovalSheetPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const typeLabel = useDocTypeLabel();
  const { data: doc } = useDocument(id);
  if (!doc) return null;
  const cardDoc = doc.lines.some((l) => l.cardId);
  const fmt = (s: string | null) => formatDateTime(s);
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
    >
      <style>{'@media print { .no-print { display: none } @page { size: A4; margin: 10mm } }'}</style>
      <button type="button" className="no-print" onClick={() => window.print()} style={{ float: 'right' }}>
        {t('打印', 'Print')}
      </button>
      <h2 style={{ textAlign: 'center', letterSpacing: 4 }}>
        {typeLabel(doc.type)}
        {t('审批单', ' approval sheet')}
      </h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6 }}>
        <span>
          {t('单据号', 'No.')}：{doc.docNo}
        </span>
        <span>
          {t('申请单位', 'Unit')}：{doc.unitName}
        </span>
        <span>
          {t('提交时间', 'Submitted')}：{fmt(doc.submittedAt)}
        </span>
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          <tr>
            <td style={cell}>{t('标题', 'Title')}</td>
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
          {doc.counterpartUnitName && (
            <tr>
              <td style={cell}>{t('调入单位', 'Receiving unit')}</td>
              <td style={cell} colSpan={3}>
                {doc.counterpartUnitName}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 8 }}>
        <thead>
          <tr>
            <th style={cell}>#</th>
            {cardDoc ? (
              <>
                <th style={cell}>{t('卡片编号', 'Card no.')}</th>
                <th style={cell}>{t('资产名称', 'Name')}</th>
              </>
            ) : (
              <>
                <th style={cell}>{t('品目', 'Item')}</th>
                <th style={cell}>{t('规格', 'Spec')}</th>
                <th style={cell}>{t('数量', 'Qty')}</th>
                <th style={cell}>{t('单价', 'Unit price')}</th>
              </>
            )}
            <th style={cell}>{t('金额（元）', 'Amount')}</th>
            <th style={cell}>{t('理由', 'Reason')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.id}>
              <td style={cell}>{l.lineNo}</td>
              {cardDoc ? (
                <>
                  <td style={cell}>{l.cardNo}</td>
                  <td style={cell}>{l.cardName}</td>
                </>
              ) : (
                <>
                  <td style={cell}>{l.name}</td>
                  <td style={cell}>{l.spec}</td>
                  <td style={cell}>{l.quantity}</td>
                  <td style={cell}>{formatYuan(l.unitPriceFen)}</td>
                </>
              )}
              <td style={{ ...cell, textAlign: 'right' }}>{formatYuan(l.amountFen)}</td>
              <td style={cell}>{l.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 8 }}>
        <tbody>
          {doc.steps.map((s) => (
            <tr key={s.stepNo} style={{ height: 60 }}>
              <td style={{ ...cell, width: '30%' }}>{s.label}</td>
              <td style={cell}>
                <div>{s.comment ?? (s.state === 'approved' ? t('同意', 'Approved') : '')}</div>
                <div style={{ textAlign: 'right' }}>
                  {s.decidedByName ? `${t('签字', 'Signed')}：${s.decidedByName}　${fmt(s.decidedAt)}` : ''}
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
    </div>
  );
}

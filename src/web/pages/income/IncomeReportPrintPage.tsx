import { useSearchParams } from 'react-router-dom';
import { INCOME_SOURCES } from '../../../shared/income.contracts.ts';
import { formatYuan } from '../../../shared/money.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useIncomeReport } from './api.ts';
import { businessToday } from '../../lib/dates.ts';

const cell: React.CSSProperties = { border: '1px solid #000', padding: '4px 6px' };
const num: React.CSSProperties = { ...cell, textAlign: 'right' };

/** 国有资产处置和出租出借收入情况表, printable: the cover, one row per unit and source, 合计 once. */
export default function IncomeReportPrintPage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const unitId = search.get('unitId');
  const { data: r } = useIncomeReport({ from: search.get('from') ?? '', to: search.get('to') ?? '', ...(unitId ? { unitId } : {}) });
  if (!r) return null;
  const today = businessToday();
  const money = (f: number) => formatYuan(f);
  return (
    <div
      style={{
        width: '277mm',
        margin: '0 auto',
        fontFamily: 'SimSun, serif',
        fontSize: 13,
        color: '#000',
        background: '#fff',
        padding: '8mm 0',
      }}
    >
      <style>{'@media print { .no-print { display: none } @page { size: A4 landscape; margin: 10mm } }'}</style>
      <button type="button" className="no-print" onClick={() => window.print()} style={{ float: 'right' }}>
        {t('打印', 'Print')}
      </button>
      <h2 style={{ textAlign: 'center', letterSpacing: 2 }}>
        {t('国有资产处置和出租出借收入情况表', 'Disposal, rental and lending income')}
      </h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6 }}>
        <span>
          {t('编制单位', 'Prepared by')}：{r.preparedBy}
        </span>
        <span>
          {t('期间', 'Period')}：{r.from} {t('至', 'to')} {r.to}
        </span>
        <span>{t('金额单位：元', 'Amounts in yuan')}</span>
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            {['单位', '收入来源', '本期取得笔数', '期初未缴', '本期取得', '本期上缴国库', '期末未缴', '其中逾期'].map((h) => (
              <th key={h} style={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={`${x.unitId}-${x.source}`}>
              <td style={cell}>{x.unitName}</td>
              <td style={cell}>{INCOME_SOURCES[x.source][0]}</td>
              <td style={num}>{x.documents}</td>
              <td style={num}>{money(x.openingFen)}</td>
              <td style={num}>{money(x.receivedFen)}</td>
              <td style={num}>{money(x.turnedOverFen)}</td>
              <td style={num}>{money(x.closingFen)}</td>
              <td style={num}>{money(x.overdueFen)}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 'bold' }}>
            <td style={cell} colSpan={2}>
              合计
            </td>
            <td style={num}>{r.totals.documents}</td>
            <td style={num}>{money(r.totals.openingFen)}</td>
            <td style={num}>{money(r.totals.receivedFen)}</td>
            <td style={num}>{money(r.totals.turnedOverFen)}</td>
            <td style={num}>{money(r.totals.closingFen)}</td>
            <td style={num}>{money(r.totals.overdueFen)}</td>
          </tr>
        </tbody>
      </table>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
        <span>单位负责人：</span>
        <span>财务负责人：</span>
        <span>制表人：</span>
        <span>
          打印日期：{today}（逾期判断日 {r.asOf}）
        </span>
      </div>
    </div>
  );
}

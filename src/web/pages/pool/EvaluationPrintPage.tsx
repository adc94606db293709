import { useEffect } from 'react';
import { Button, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useEvaluation } from './api.ts';
import { businessYear } from '../../lib/dates.ts';

/** The year's evaluation on paper: the ranking, then each unit's indicators with their explanation. */
export default function EvaluationPrintPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || businessYear();
  const { data } = useEvaluation(year);
  useEffect(() => {
    document.title = `${year} 年度资产使用效益评价`;
  }, [year]);
  if (!data) return null;
  const cell: React.CSSProperties = { border: '1px solid #999', padding: '2px 6px' };
  const num: React.CSSProperties = { ...cell, textAlign: 'right' };
  return (
    <div className="print-page" style={{ padding: 24, background: '#fff' }}>
      <style>{'@media print { .no-print { display: none } .print-page { padding: 0 } table { page-break-inside: auto } }'}</style>
      <Button className="no-print" onClick={() => window.print()} style={{ marginBottom: 16 }}>
        {t('打印', 'Print')}
      </Button>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {year} 年度资产使用效益评价
      </Typography.Title>
      <p style={{ textAlign: 'center' }}>数据截至 {data.asOf}</p>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 24 }} data-testid="print-ranking">
        <thead>
          <tr>
            {['排名', '单位', '总分', '适用权重', '自评', '复核'].map((h) => (
              <th key={h} style={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.items.map((u) => (
            <tr key={u.unitId}>
              <td style={num}>{u.rank}</td>
              <td style={cell}>{u.unitName}</td>
              <td style={num}>{u.total.toFixed(2)}</td>
              <td style={num}>{u.applicableWeight}</td>
              <td style={num}>{u.selfScore?.toFixed(2) ?? ''}</td>
              <td style={num}>{u.reviewScore?.toFixed(2) ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.items.map((u) => (
        <section key={u.unitId} style={{ pageBreakInside: 'avoid', marginBottom: 16 }}>
          <Typography.Title level={5}>
            {u.rank}. {u.unitName}（{u.total.toFixed(2)} 分）
          </Typography.Title>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <tbody>
              {u.items.map((i) => (
                <tr key={i.code}>
                  <td style={{ ...cell, width: '24%' }}>{i.name}</td>
                  <td style={{ ...num, width: '8%' }}>{i.applicable ? i.score.toFixed(2) : '不适用'}</td>
                  <td style={cell}>{i.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {u.reviewComment && <p>复核意见：{u.reviewComment}</p>}
        </section>
      ))}
    </div>
  );
}

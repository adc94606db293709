import { useEffect } from 'react';
import { Button, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { fenToYuan } from '../../../shared/money.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePoolStats } from './api.ts';

/** 公物仓统计 on paper: the period's totals, then one row per unit. */
export default function PoolStatsPrintPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const { data } = usePoolStats(from, to);
  useEffect(() => {
    document.title = `公物仓统计 ${from} 至 ${to}`;
  }, [from, to]);
  if (!data) return null;
  const cell: React.CSSProperties = { border: '1px solid #999', padding: '2px 6px' };
  const num: React.CSSProperties = { ...cell, textAlign: 'right' };
  const totals: [string, string | number][] = [
    ['入仓件数', data.inItems],
    ['调剂出仓件数', data.outTransferred],
    ['借出件数', data.outLent],
    ['撤回件数', data.outWithdrawn],
    ['打包处置件数', data.outDisposed],
    ['调剂再利用净值（元）', fenToYuan(data.reusedNetFen)],
    ['少购置金额（元）', fenToYuan(data.avoidedPurchaseFen)],
    ['维修再利用费用（元）', fenToYuan(data.repairCostFen)],
    ['节约资金（元）', fenToYuan(data.savingsFen)],
    ['处置收入（元）', fenToYuan(data.disposalIncomeFen)],
    ['平均调剂周期（天）', data.avgDaysToReallocation ?? '—'],
  ];
  return (
    <div className="print-page" style={{ padding: 24, background: '#fff' }}>
      <style>{'@media print { .no-print { display: none } .print-page { padding: 0 } }'}</style>
      <Button className="no-print" onClick={() => window.print()} style={{ marginBottom: 16 }}>
        {t('打印', 'Print')}
      </Button>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        公物仓统计
      </Typography.Title>
      <p style={{ textAlign: 'center' }}>
        {from} 至 {to}
      </p>
      <table style={{ borderCollapse: 'collapse', marginBottom: 24 }} data-testid="print-stats-totals">
        <tbody>
          {totals.map(([k, v]) => (
            <tr key={k}>
              <td style={cell}>{k}</td>
              <td style={num}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="print-stats-units">
        <thead>
          <tr>
            {['单位', '入仓件数', '入仓净值（元）', '调出', '调入', '再利用净值（元）', '少购置金额（元）', '平均调剂周期（天）'].map(
              (h) => (
                <th key={h} style={cell}>
                  {h}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {data.items.map((r) => (
            <tr key={r.unitId}>
              <td style={cell}>{r.unitName}</td>
              <td style={num}>{r.offered}</td>
              <td style={num}>{fenToYuan(r.offeredFen)}</td>
              <td style={num}>{r.given}</td>
              <td style={num}>{r.taken}</td>
              <td style={num}>{fenToYuan(r.reusedNetFen)}</td>
              <td style={num}>{fenToYuan(r.avoidedPurchaseFen)}</td>
              <td style={num}>{r.avgDaysToReallocation ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

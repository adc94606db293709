import { useEffect } from 'react';
import { Button, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { formatYuan } from '../../../shared/money.ts';
import { POOL_CONDITIONS, POOL_MODES, POOL_REASONS } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useReceipt } from './api.ts';

const zh = (vocab: Record<string, readonly [string, string]>, code: string) => vocab[code]?.[0] ?? code;

/** 入仓单 on paper: the item handed to the pool, its values in yuan, and the three signatures. */
export default function PoolReceiptPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error } = useReceipt(id);
  useEffect(() => {
    if (data) document.title = `入仓单 ${data.receiptNo}`;
  }, [data]);
  if (error) return <p style={{ padding: 24 }}>{t('入仓单不存在或无权查看', 'No such receipt, or not yours to see')}</p>;
  if (!data) return null;
  const r = data;
  const cell: React.CSSProperties = { border: '1px solid #333', padding: '6px 8px' };
  const head: React.CSSProperties = { ...cell, width: '16%', background: '#fafafa', whiteSpace: 'nowrap' };
  const rows: [string, React.ReactNode, string, React.ReactNode][] = [
    ['入仓单位', `${r.unitName ?? ''}${r.unitCode ? `（${r.unitCode}）` : ''}`, '入仓日期', r.listedOn],
    ['资产编号', r.cardNo, '资产名称', r.name],
    ['资产分类', `${r.categoryCode ?? ''} ${r.categoryName ?? ''}`, '规格型号', [r.brand, r.spec, r.specSummary].filter(Boolean).join(' ')],
    ['数量', `${r.quantity} ${r.measureUnit}`, '成色', zh(POOL_CONDITIONS, r.condition)],
    ['原值（元）', formatYuan(r.originalValueFen), '入仓时净值（元）', formatYuan(r.netValueFen)],
    ['入仓方式', zh(POOL_MODES, r.mode), '入仓原因', zh(POOL_REASONS, r.reason)],
    [
      '存放地点',
      r.mode === 'physical' ? (r.warehouseLocation ?? '（未登记）') : '虚拟入仓，资产留在原单位',
      '在仓时限至',
      r.expiresOn ?? '',
    ],
    ['照片', `${r.photos} 张`, '登记人', r.listedByName ?? ''],
  ];
  return (
    <div className="print-page" style={{ padding: 24, background: '#fff', maxWidth: 900 }}>
      <style>{'@media print { .no-print { display: none } .print-page { padding: 0 } }'}</style>
      <Button className="no-print" onClick={() => window.print()} style={{ marginBottom: 16 }}>
        {t('打印', 'Print')}
      </Button>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        公物仓资产入仓单
      </Typography.Title>
      <p style={{ textAlign: 'right' }} data-testid="receipt-no">
        单号：{r.receiptNo}
      </p>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="receipt-table">
        <tbody>
          {rows.map(([k1, v1, k2, v2]) => (
            <tr key={k1}>
              <td style={head}>{k1}</td>
              <td style={cell}>{v1}</td>
              <td style={head}>{k2}</td>
              <td style={cell}>{v2}</td>
            </tr>
          ))}
          <tr>
            <td style={head}>备注</td>
            <td style={cell} colSpan={3}>
              {r.note ?? ''}
            </td>
          </tr>
        </tbody>
      </table>
      <table style={{ width: '100%', marginTop: 48 }}>
        <tbody>
          <tr>
            {['移交人（签字）', '接收人（签字）', '经办人（签字）'].map((s) => (
              <td key={s} style={{ width: '33%', paddingBottom: 32 }}>
                {s}：
              </td>
            ))}
          </tr>
          <tr>
            {['日期', '日期', '日期'].map((s, i) => (
              <td key={i}>{s}：</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

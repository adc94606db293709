import { useEffect } from 'react';
import { Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { SetTableView } from '../../components/SetTableView.tsx';
import { useReportSet } from './api.ts';

/** The printable set: each table on its own page with 编制单位 and period above, the signatures below. */
export default function ReportSetPrintPage() {
  const { t } = useI18n();
  const [sp] = useSearchParams();
  const month = sp.get('month') ?? '';
  const unitId = sp.get('unitId') ?? undefined;
  const { data } = useReportSet(month, unitId);
  useEffect(() => {
    if (data) setTimeout(() => window.print(), 300);
  }, [data]);
  if (!data) return null;
  const c = data.cover;
  return (
    <div style={{ padding: 16 }}>
      <style>
        {
          '@media print { @page { size: A3 landscape; margin: 10mm } .ant-table { font-size: 10px } .set-page { page-break-after: always } }'
        }
      </style>
      <div className="set-page" style={{ textAlign: 'center', paddingTop: 120 }}>
        <Typography.Title level={2}>
          {t(`行政事业单位国有资产月报（${c.period}）`, `Monthly state asset report (${c.period})`)}
        </Typography.Title>
        <p>
          {t('编制单位', 'Reporting unit')}：{c.unitName}
        </p>
        <p>
          {t('单位负责人', 'Head of unit')}：{c.leaderName}　{t('财务负责人', 'Head of finance')}：{c.financeHeadName}　
          {t('制表人', 'Prepared by')}：{c.preparedBy}
        </p>
        <p>
          {t('打印日期', 'Printed on')}：{c.printedOn}
        </p>
      </div>
      {data.tables.map((tb) => (
        <div key={tb.key} className="set-page">
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {tb.title}
          </Typography.Title>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
            <span>
              {t('编制单位', 'Reporting unit')}：{c.unitName}
            </span>
            <span>{c.period}</span>
            <span>{tb.code}</span>
          </div>
          {tb.note && <div style={{ marginBottom: 4, fontSize: 12 }}>{tb.note}</div>}
          <SetTableView table={tb} small />
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
            <span>
              {t('单位负责人', 'Head of unit')}：{c.leaderName}
            </span>
            <span>
              {t('财务负责人', 'Head of finance')}：{c.financeHeadName}
            </span>
            <span>
              {t('制表人', 'Prepared by')}：{c.preparedBy}
            </span>
            <span>
              {t('打印日期', 'Printed on')}：{c.printedOn}
            </span>
          </div>
        </div>
      ))}
    </div>
  );
}

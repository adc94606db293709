import { useEffect } from 'react';
import { Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { useReportFilter, useSummary } from './api.ts';

/** The printable sheet: title, unit, period, the table; the browser's print dialog opens when loaded. */
export default function SummaryPrintPage() {
  const { t } = useI18n();
  const { filter } = useReportFilter();
  const { data } = useSummary(filter);
  useEffect(() => {
    if (data) setTimeout(() => window.print(), 300);
  }, [data]);
  return (
    <div style={{ padding: 16 }}>
      <style>{'@media print { @page { size: A3 landscape; margin: 10mm } .ant-table { font-size: 10px } }'}</style>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('资产情况表', 'Asset summary')}
      </Typography.Title>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <span>
          {t('编制单位', 'Unit')}：{data?.unitName}
        </span>
        <span>
          {t('报表期间', 'Period')}：{filter.from} — {filter.to}
        </span>
        <span>{t('单位：元', 'Amounts in yuan')}</span>
      </div>
      <SummaryTable view={data} />
      {data?.cover && (
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
          <span>
            {t('单位负责人', 'Head of unit')}：{data.cover.leaderName}
          </span>
          <span>
            {t('财务负责人', 'Head of finance')}：{data.cover.financeHeadName}
          </span>
          <span>
            {t('制表人', 'Prepared by')}：{data.cover.preparedBy}
          </span>
          <span>
            {t('打印日期', 'Printed on')}：{data.cover.printedOn}
          </span>
        </div>
      )}
    </div>
  );
}

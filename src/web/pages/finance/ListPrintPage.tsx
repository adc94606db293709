import { useEffect } from 'react';
import { Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { LIST_KINDS, QUOTA_REPORT, type ListKind } from '../../../shared/reports.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { ListTable } from './ListTable.tsx';
import { QuotaTable } from './QuotaTable.tsx';
import { useQuota, useReportFilter, useReportListPrint } from './api.ts';

/** A detail list to print (the first 1,000 lines; the Excel export has them all), or the quota report. */
export default function ListPrintPage() {
  const { t, locale } = useI18n();
  const { filter, params } = useReportFilter();
  const kind = (params.get('kind') ?? 'additions') as ListKind | 'quota';
  const isQuota = kind === 'quota';
  const showAll = params.get('showAll') === 'true';
  const { data } = useReportListPrint(kind, filter);
  const quota = useQuota(filter.unitId, showAll, isQuota, true);
  const ready = isQuota ? quota.data : data;
  useEffect(() => {
    if (ready) setTimeout(() => window.print(), 300);
  }, [ready]);
  return (
    <div style={{ padding: 16 }}>
      <style>{'@media print { @page { size: A4 landscape; margin: 10mm } .ant-table { font-size: 10px } }'}</style>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {isQuota ? `${label(LIST_KINDS.over_standard, locale)}（${label(QUOTA_REPORT, locale)}）` : label(LIST_KINDS[kind], locale)}
      </Typography.Title>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        {isQuota ? (
          <>
            <span>
              {t('编制单位', 'Unit')}：{quota.data?.unitName ?? ''}　{t('统计日期', 'As of')}：{quota.data?.asOf ?? ''}
            </span>
            <span>{t('单位：台（件）', 'Quantities in items')}</span>
          </>
        ) : (
          <>
            <span>
              {t('报表期间', 'Period')}：{filter.from} — {filter.to}
            </span>
            <span>{t('单位：元', 'Amounts in yuan')}</span>
          </>
        )}
      </div>
      {isQuota ? <QuotaTable data={quota.data} pagination={false} /> : <ListTable kind={kind} data={data} pagination={false} />}
    </div>
  );
}

import { useEffect } from 'react';
import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LIST_KINDS, type ListKind } from '../../../shared/reports.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { ListTable, type ListData } from './ListTable.tsx';
import { query, useReportFilter } from './finance.hooks.ts';

/** A detail list to print (the first 1,000 lines; the Excel export has them all). */
export default function ListPrintPage() {
  const { t, locale } = useI18n();
  const { filter, params } = useReportFilter();
  const kind = (params.get('kind') ?? 'additions') as ListKind;
  const { data } = useQuery({ queryKey: ['reports', 'list-print', kind, filter], queryFn: () => api.get<ListData>(`/api/reports/lists/${kind}`, { ...query(filter), page: 1, pageSize: 1000 }) });
  useEffect(() => { if (data) setTimeout(() => window.print(), 300); }, [data]);
  return (
    <div style={{ padding: 16 }}>
      <style>{'@media print { @page { size: A4 landscape; margin: 10mm } .ant-table { font-size: 10px } }'}</style>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{label(LIST_KINDS[kind], locale)}</Typography.Title>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <span>{t('报表期间', 'Period')}：{filter.from} — {filter.to}</span>
        <span>{t('单位：元', 'Amounts in yuan')}</span>
      </div>
      <ListTable kind={kind} data={data} pagination={false} />
    </div>
  );
}

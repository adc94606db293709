import { Card, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LIST_KINDS, type ListKind } from '../../../shared/reports.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { ExportAndPrint, ReportFilters } from './ReportParts.tsx';
import { ListTable, type ListData } from './ListTable.tsx';
import { query, useReportFilter } from './finance.hooks.ts';

/** 明细报表: additions, disposals, depreciation schedule, idle, over-standard, past-minimum-life, rented/lent, vehicles, buildings and land. */
export default function ListReportPage() {
  const { t, locale } = useI18n();
  const { filter, set, params } = useReportFilter();
  const kind = (params.get('kind') ?? 'additions') as ListKind;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 50);
  const { data, isLoading } = useQuery({
    queryKey: ['reports', 'list', kind, filter, page, pageSize],
    queryFn: () => api.get<ListData>(`/api/reports/lists/${kind}`, { ...query(filter), page, pageSize }),
  });
  return (
    <div>
      <PageHeader title={t('明细报表', 'Detail reports')} extra={<ExportAndPrint report={kind} filter={filter} printPath="/finance/reports/lists/print" />} />
      <Card size="small"><ReportFilters filter={filter} set={set} level={false} /></Card>
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs activeKey={kind} onChange={(k) => set({ kind: k, page: undefined } as never)}
          items={(Object.keys(LIST_KINDS) as ListKind[]).map((k) => ({ key: k, label: label(LIST_KINDS[k], locale) }))} />
        <ListTable kind={kind} data={data} loading={isLoading}
          pagination={{ current: page, pageSize, onChange: (p, s) => set({ page: p, pageSize: s } as never) }} />
      </Card>
    </div>
  );
}

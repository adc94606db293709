import { Card } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportAndPrint, ReportFilters } from './ReportParts.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { CoverView } from '../../components/SetTableView.tsx';
import { useReportFilter, useSummary } from './api.ts';

/** 资产情况表: opening + additions − reductions = closing, by category × unit. */
export default function SummaryPage() {
  const { t } = useI18n();
  const { filter, set } = useReportFilter();
  const { data, isLoading } = useSummary(filter);
  return (
    <div>
      <PageHeader
        title={t('资产情况表', 'Asset summary')}
        subTitle={t('期初 + 本期增加 − 本期减少 = 期末；金额单位：元', 'Opening + additions − reductions = closing; amounts in yuan')}
        extra={<ExportAndPrint report="summary" filter={filter} printPath="/finance/reports/summary/print" />}
      />
      <Card size="small">
        <ReportFilters filter={filter} set={set} />
      </Card>
      <Card size="small" style={{ marginTop: 12 }}>
        {data?.cover && (
          <div style={{ marginBottom: 12 }}>
            <CoverView cover={data.cover} />
          </div>
        )}
        <SummaryTable view={data} loading={isLoading} />
      </Card>
    </div>
  );
}

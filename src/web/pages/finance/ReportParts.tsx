import { useState } from 'react';
import { Button, DatePicker, Select, Space } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { toQueryString } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { CategoryTreeSelect, UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { type ReportExport, type ReportFilter, startReportExport, useOwnUnit, type useReportFilter } from './api.ts';

type Filter = ReportFilter;

/** Unit, category subtree, category level and period: the filters every report shares. */
export function ReportFilters({
  filter,
  set,
  period = 'range',
  level = true,
  category = true,
}: {
  filter: Filter;
  set: ReturnType<typeof useReportFilter>['set'];
  period?: 'range' | 'none';
  level?: boolean;
  category?: boolean;
}) {
  const { t } = useI18n();
  const own = useOwnUnit('report.read');
  return (
    <Space wrap>
      {period === 'range' && (
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={[dayjs(`${filter.from}-01`), dayjs(`${filter.to}-01`)]}
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') })}
        />
      )}
      {!own.scoped && (
        <UnitSelect
          style={{ width: 240 }}
          placeholder={t('全部单位', 'All units')}
          value={filter.unitId}
          onChange={(v) => set({ unitId: (v as string) ?? undefined })}
        />
      )}
      {category && (
        <CategoryTreeSelect
          style={{ width: 240 }}
          allowClear
          placeholder={t('全部类别', 'All categories')}
          value={filter.categoryId}
          onChange={(v) => set({ categoryId: v ?? undefined })}
        />
      )}
      {level && (
        <Select
          style={{ width: 140 }}
          value={filter.categoryLevel}
          onChange={(v) => set({ categoryLevel: v })}
          options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`按第${l}级类别`, `Category level ${l}`) }))}
        />
      )}
    </Space>
  );
}

/** Excel export as a job with a progress bar, and a print view in a new tab. `options`: the quota report's switch. */
export function ExportAndPrint({
  report,
  filter,
  printPath,
  options,
}: {
  report: ReportExport['report'];
  filter: Filter;
  printPath?: string;
  options?: { showAll?: boolean };
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = async () => {
    try {
      const res = await startReportExport({ report, filter, ...options });
      setJobId(res.jobId);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ minWidth: 260 }}>
      <Space>
        <Button icon={<FileExcelOutlined />} onClick={() => void start()}>
          {t('导出 Excel', 'Export to Excel')}
        </Button>
        {printPath && (
          <Button
            icon={<PrinterOutlined />}
            onClick={() =>
              window.open(
                `${printPath}${toQueryString({ ...filter, kind: report, showAll: options?.showAll ? 'true' : undefined })}`,
                '_blank',
              )
            }
          >
            {t('打印', 'Print')}
          </Button>
        )}
      </Space>
      <JobProgress jobId={jobId} downloadLabel={t('下载 Excel', 'Download')} />
    </Space>
  );
}

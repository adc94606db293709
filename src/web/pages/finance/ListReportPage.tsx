import { Card, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LIST_KINDS, QUOTA_REPORT, type ListKind } from '../../../shared/reports.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { ExportAndPrint, ReportFilters } from './ReportParts.tsx';
import { ListTable } from './ListTable.tsx';
import { QuotaTable } from './QuotaTable.tsx';
import { useQuota, useReportFilter, useReportList } from './api.ts';

/**
 * 明细报表: additions, disposals, depreciation schedule, idle, over-standard (unit price, and beside
 * it 数量超标: quantities over the quota), past-minimum-life, rented/lent, vehicles, buildings and land.
 */
export default function ListReportPage() {
  const { t, locale } = useI18n();
  const { filter, set, params } = useReportFilter();
  const kind = (params.get('kind') ?? 'additions') as ListKind | 'quota';
  const isQuota = kind === 'quota';
  const showAll = params.get('showAll') === 'true';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 50);
  const { data, isLoading } = useReportList(kind, filter, page, pageSize);
  const quota = useQuota(filter.unitId, showAll, isQuota);
  const tabs = (Object.keys(LIST_KINDS) as ListKind[]).flatMap((k) => {
    const tab = { key: k, label: label(LIST_KINDS[k], locale) };
    return k === 'over_standard' ? [tab, { key: 'quota', label: label(QUOTA_REPORT, locale) }] : [tab];
  });
  return (
    <div>
      <PageHeader
        title={t('明细报表', 'Detail reports')}
        extra={
          <ExportAndPrint
            report={kind}
            filter={filter}
            printPath="/finance/reports/lists/print"
            options={isQuota ? { showAll } : undefined}
          />
        }
      />
      <Card size="small">
        <Space wrap>
          <ReportFilters filter={filter} set={set} level={false} period={isQuota ? 'none' : 'range'} category={!isQuota} />
          {isQuota && (
            <Space>
              <Switch checked={showAll} onChange={(v) => set({ showAll: v ? 'true' : undefined } as never)} />
              <span>{t('显示全部（含未超标）', 'Show all (within quota too)')}</span>
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs activeKey={kind} onChange={(k) => set({ kind: k, page: undefined } as never)} items={tabs} />
        {isQuota ? (
          <>
            <Typography.Paragraph type="secondary">
              {t(
                `统计日期：${quota.data?.asOf ?? '—'}。按各单位在编在职人数与配置标准的数量限额（涉密单位按其比例），比较账上资产（不含已处置、待处置、盘亏）的数量。`,
                `As of ${quota.data?.asOf ?? '—'}: each unit's holdings (not disposed, pending disposal or missing) against the allocation standards' quantity quotas by establishment headcount (classified units at their ratio).`,
              )}
            </Typography.Paragraph>
            <QuotaTable data={quota.data} loading={quota.isLoading} />
          </>
        ) : (
          <>
            {data?.periodClosed && data.periodClosed !== 'none' && (
              <div style={{ marginBottom: 8 }} data-testid="period-closed">
                <Tag color={data.periodClosed === 'all' ? 'green' : 'gold'}>
                  {data.periodClosed === 'all' ? t('已结账', 'Closed') : t('部分单位已结账', 'Closed for some units')}
                </Tag>
                {t(
                  '已结账月份的明细取自结账时的记录，以后的业务不再改变。',
                  "A closed month's list is the one recorded at closing; later work does not change it.",
                )}
              </div>
            )}
            <ListTable
              kind={kind}
              data={data}
              loading={isLoading}
              pagination={{ current: page, pageSize, onChange: (p, s) => set({ page: p, pageSize: s } as never) }}
            />
          </>
        )}
      </Card>
    </div>
  );
}

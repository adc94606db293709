import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { toQueryString } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { FILING_STATUSES } from '../../../shared/reportset.contracts.ts';
import { useOwnUnit } from '../finance/api.ts';
import { CoverView, SetTableView } from '../../components/SetTableView.tsx';
import { ListSettingsButton, useListSettings } from '../../components/ListSettings.tsx';
import { submitFiling, useReportSet } from './api.ts';
import { arranged, mergeChange, settingsColumns, tableSettings } from './reportTableSettings.ts';
import { businessDay } from '../../lib/dates.ts';

const STATUS_COLORS = { none: 'default', submitted: 'processing', returned: 'warning', locked: 'success' } as const;

/** 月报: the monthly report set with its cover; a unit submits it once the month is closed; a locked one is the stored report. */
export default function ReportSetPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const own = useOwnUnit('report.read');
  // Opened from the filings list: its month and unit.
  const [sp] = useSearchParams();
  const [month, setMonth] = useState(sp.get('month') ?? businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [unitId, setUnitId] = useState<string | undefined>(own.unitId ?? sp.get('unitId') ?? undefined);
  const set = useReportSet(month, unitId);
  const { settings, save, loaded } = useListSettings('reports');
  const data = set.data;
  const status = data?.filing?.status ?? 'none';
  const canSubmit = can('report.submit') && !!unitId && data?.monthClosed && (status === 'none' || status === 'returned');
  const submit = async () => {
    try {
      if (unitId) await submitFiling({ unitId, month });
      message.success(t('月报已报送，待管委会审核', 'Submitted for review'));
      void set.refetch();
    } catch (err) {
      showError(err);
    }
  };
  const query = toQueryString({ month, ...(unitId ? { unitId } : {}) });
  return (
    <div>
      <PageHeader
        title={t('资产月报（报送）', 'Monthly report set')}
        extra={
          <Space>
            <Button icon={<PrinterOutlined />} href={`/reports/monthly/print${query}`} target="_blank">
              {t('打印', 'Print')}
            </Button>
            <Button icon={<FileExcelOutlined />} href={`/api/reports/set.xlsx${query}`}>
              {t('导出 Excel', 'Excel')}
            </Button>
            {canSubmit && (
              <Popconfirm
                title={t(
                  `报送 ${month} 月报？报送后由管委会审核，审核通过即锁定，不能再修改。`,
                  `Submit the ${month} report? Once approved it is locked.`,
                )}
                onConfirm={() => void submit()}
              >
                <Button type="primary" icon={<SendOutlined />}>
                  {t('报送', 'Submit')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        {!own.scoped && (
          <UnitSelect value={unitId} onChange={(v) => setUnitId((v as string) || undefined)} allowClear style={{ width: 260 }} />
        )}
        {unitId && <Tag color={STATUS_COLORS[status]}>{FILING_STATUSES[status][locale.startsWith('en') ? 1 : 0]}</Tag>}
        {data && !data.monthClosed && (
          <Typography.Text type="secondary">
            {t('本月尚未结账：数字可能变动，结账后方可报送', 'Month not closed: figures may change')}
          </Typography.Text>
        )}
      </Space>
      {data?.filing?.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${t('已退回', 'Returned')}：${data.filing.reviewNote ?? ''}`}
        />
      )}
      {data?.filing?.status === 'locked' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('已审核锁定：以下为存档的报表，不随后续业务变动', 'Locked: the stored report, unchanged by later operations')}
          description={<Typography.Text code>{data.filing.hash}</Typography.Text>}
        />
      )}
      {set.error && <Alert type="error" showIcon message={(set.error as Error).message} />}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <CoverView cover={data.cover} />
          {data.tables.map((tb) => (
            <Card
              key={tb.key}
              size="small"
              title={`${tb.code} ${tb.title}`}
              extra={
                <Space>
                  {tb.note && <Typography.Text type="secondary">{tb.note}</Typography.Text>}
                  <ListSettingsButton
                    columns={settingsColumns(tb)}
                    settings={tableSettings(tb, settings)}
                    save={(change) => save(mergeChange(tb, settings, change))}
                    loaded={loaded}
                  />
                </Space>
              }
            >
              <SetTableView table={arranged(tb, settings)} size={settings.density ?? 'small'} />
            </Card>
          ))}
        </Space>
      )}
    </div>
  );
}

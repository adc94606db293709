import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined, EyeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { DEPRECIATION_METHODS, label } from '../../../shared/assets.enums.ts';
import { closeDepreciationRun, financeKeys, startDepreciationRun, useDepreciationPreview, useDepreciationRuns, useOwnUnit } from './api.ts';
import { businessDay, formatDateTime } from '../../lib/dates.ts';

/** 计提折旧: choose month and unit, preview, run as a job, close; and the history of runs. */
export default function DepreciationPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const own = useOwnUnit('depreciation.read');
  const showError = useShowError();
  const qc = useQueryClient();
  const [month, setMonth] = useState(businessDay().format('YYYY-MM'));
  const [unitId, setUnitId] = useState<string | undefined>(own.unitId);
  const [jobId, setJobId] = useState<string | null>(null);

  const preview = useDepreciationPreview(unitId, month);
  const runs = useDepreciationRuns(unitId);
  const current = runs.data?.items.find((r) => r.month === month && r.unitId === unitId);
  const refresh = () => void qc.invalidateQueries({ queryKey: financeKeys.depreciation });

  const run = async (all: boolean) => {
    try {
      const res = await startDepreciationRun({ month, unitId: all ? undefined : unitId });
      setJobId(res.jobId);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('计提折旧', 'Depreciation')}
        subTitle={t(
          '年限平均法与工作量法，按月按单位计提，结账后锁定',
          'Straight-line and units of production, per unit and month; closed months are locked',
        )}
      />
      <Card size="small">
        <Space wrap>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
          {!own.scoped && <UnitSelect style={{ width: 260 }} value={unitId} onChange={(v) => setUnitId((v as string) ?? undefined)} />}
          {session.can('depreciation.run') && (
            <>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={!unitId || current?.status === 'closed'}
                onClick={() => void run(false)}
              >
                {current ? t('重新计提', 'Re-run') : t('计提', 'Run')}
              </Button>
              {!own.scoped && <Button onClick={() => void run(true)}>{t('全部单位计提', 'Run all units')}</Button>}
            </>
          )}
          {session.can('depreciation.close') && current?.status === 'open' && (
            <ConfirmButton
              confirm={t(`结账后 ${month} 不能再重新计提，确定结账？`, `After closing, ${month} cannot be re-run. Close it?`)}
              onConfirm={async () => {
                await closeDepreciationRun(current.id);
                refresh();
              }}
              successMessage={t('已结账', 'Closed')}
            >
              {t('结账', 'Close month')}
            </ConfirmButton>
          )}
          {current && (
            <Tag color={current.status === 'closed' ? 'default' : 'blue'}>
              {current.status === 'closed' ? t('已结账', 'Closed') : t('已计提，未结账', 'Run, open')}
            </Tag>
          )}
        </Space>
        {jobId && (
          <div style={{ marginTop: 12 }}>
            <JobProgress jobId={jobId} onDone={refresh} />
          </div>
        )}
      </Card>

      <Card size="small" title={t('预览', 'Preview')} style={{ marginTop: 12 }} extra={<EyeOutlined />}>
        {!unitId && <Alert type="info" showIcon title={t('请选择单位', 'Choose a unit')} />}
        {preview.data?.closed && (
          <Alert
            type="warning"
            showIcon
            title={t('该月已结账，以下为重新计算的结果，仅供参考', 'This month is closed; figures shown for reference only')}
          />
        )}
        {unitId && (
          <Table
            size="small"
            rowKey="cardId"
            loading={preview.isLoading}
            dataSource={preview.data?.items ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              {
                title: t('卡片编号', 'Card no.'),
                dataIndex: 'cardNo',
                render: (v: string, r) => <Link to={`/cards/${r.cardId}`}>{v}</Link>,
              },
              { title: t('资产名称', 'Name'), dataIndex: 'name' },
              {
                title: t('折旧方法', 'Method'),
                dataIndex: 'method',
                render: (m: keyof typeof DEPRECIATION_METHODS) => (DEPRECIATION_METHODS[m] ? label(DEPRECIATION_METHODS[m], locale) : m),
              },
              { title: t('原值', 'Value'), dataIndex: 'originalValueFen', align: 'right', render: (v: number) => <Money fen={v} /> },
              {
                title: t('月初累计折旧', 'Accumulated before'),
                dataIndex: 'accumulatedBeforeFen',
                align: 'right',
                render: (v: number) => <Money fen={v} />,
              },
              { title: t('月折旧额', 'Monthly'), dataIndex: 'monthlyFen', align: 'right', render: (v: number) => <Money fen={v} /> },
              { title: t('补提月数', 'Months'), dataIndex: 'months', align: 'right' },
              { title: t('本月计提', 'This month'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={7}>
                  <Typography.Text strong>
                    {t(`合计（${preview.data?.cardCount ?? 0} 张卡片）`, `Total (${preview.data?.cardCount ?? 0} cards)`)}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <Typography.Text strong>
                    <Money fen={preview.data?.totalFen ?? 0} />
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>

      <Card size="small" title={t('计提记录', 'Run history')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          loading={runs.isLoading}
          dataSource={runs.data?.items ?? []}
          pagination={{ pageSize: 12 }}
          columns={[
            {
              title: t('月份', 'Month'),
              dataIndex: 'month',
              render: (v: string, r) => <Link to={`/finance/depreciation/runs/${r.id}`}>{v}</Link>,
            },
            { title: t('单位', 'Unit'), dataIndex: 'unitName' },
            { title: t('卡片数', 'Cards'), dataIndex: 'cardCount', align: 'right' },
            { title: t('折旧额', 'Amount'), dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string) => (s === 'closed' ? <Tag>{t('已结账', 'Closed')}</Tag> : <Tag color="blue">{t('未结账', 'Open')}</Tag>),
            },
            { title: t('计提人', 'Run by'), dataIndex: 'runBy' },
            { title: t('计提时间', 'Run at'), dataIndex: 'runAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}

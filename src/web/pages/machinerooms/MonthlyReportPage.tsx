import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PRIORITIES, type MonthlyOmReport } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { businessDay, formatDateTime } from '../../lib/dates.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useContracts, useMonthlyReport } from './api.ts';
import { labelOf } from './labels.ts';

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** The report's body, the same on the page and on the print sheet. */
function ReportBody({ r }: { r: MonthlyOmReport }) {
  const { t, locale } = useI18n();
  const minutes = (v: number | null) => (v === null ? '—' : `${v} ${t('分钟', 'min')}`);
  return (
    <>
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('合同', 'Contract')}>
          {r.contractNo} {r.contractName}
        </Descriptions.Item>
        <Descriptions.Item label={t('服务商', 'Vendor')}>{r.vendorName}</Descriptions.Item>
        <Descriptions.Item label={t('统计时点', 'As of')}>{formatDateTime(r.asOf)}</Descriptions.Item>
        <Descriptions.Item label={t('服务商报送', 'Submitted')}>
          {r.submission ? `${r.submission.submitterName} ${formatDateTime(r.submission.submittedAt)}` : t('尚未报送', 'Not yet')}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('故障工单', 'Incidents')} value={r.incidents.total} />
        </Col>
        <Col span={6}>
          <Statistic title={t('SLA 达标率', 'SLA rate')} value={pct(r.slaRateBp)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t(`可用性（目标 ${pct(r.availabilityTargetBp)}）`, `Availability (target ${pct(r.availabilityTargetBp)})`)}
            value={pct(r.availabilityBp)}
            valueStyle={r.availabilityBp < r.availabilityTargetBp ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('巡检完成 / 计划', 'Rounds done / planned')}
            value={`${r.inspections.done + r.inspections.doneLate} / ${r.inspections.scheduled}`}
          />
        </Col>
      </Row>
      <Card size="small" title={t('一、故障工单', '1. Incidents')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="priority"
          size="small"
          pagination={false}
          dataSource={r.incidents.byPriority}
          columns={[
            { title: t('级别', 'Priority'), dataIndex: 'priority', render: (v: string) => labelOf(PRIORITIES, v, locale) },
            { title: t('工单数', 'Orders'), dataIndex: 'count', align: 'right' },
            { title: t('超时工单', 'Breached'), dataIndex: 'breached', align: 'right' },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t(
            `月末未修复 ${r.incidents.openAtMonthEnd} 单，退回重修 ${r.incidents.reopened} 次；一级故障中断 ${r.outageMinutes} 分钟。`,
            `${r.incidents.openAtMonthEnd} open at month end, ${r.incidents.reopened} reopened; P1 outage ${r.outageMinutes} min.`,
          )}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        title={t('二、平均处理时长（按 SLA 计时方式）', '2. Mean handling times (SLA clock)')}
        style={{ marginBottom: 16 }}
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('响应', 'Response')}>{minutes(r.handling.responseMinutes)}</Descriptions.Item>
          <Descriptions.Item label={t('到场', 'On site')}>{minutes(r.handling.onsiteMinutes)}</Descriptions.Item>
          <Descriptions.Item label={t('修复', 'Resolution')}>{minutes(r.handling.resolveMinutes)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('三、巡检', '3. Inspections')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={5}>
          <Descriptions.Item label={t('计划', 'Planned')}>{r.inspections.scheduled}</Descriptions.Item>
          <Descriptions.Item label={t('按时完成', 'On time')}>{r.inspections.done}</Descriptions.Item>
          <Descriptions.Item label={t('逾期完成', 'Late')}>{r.inspections.doneLate}</Descriptions.Item>
          <Descriptions.Item label={t('漏检', 'Missed')}>{r.inspections.missed}</Descriptions.Item>
          <Descriptions.Item label={t('异常项', 'Anomalies')}>{r.inspections.anomalies}</Descriptions.Item>
        </Descriptions>
      </Card>
      {r.submission?.summary && (
        <Card size="small" title={t('服务商月报说明', "Vendor's summary")}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.submission.summary}</Typography.Paragraph>
        </Card>
      )}
    </>
  );
}

/** 运维月报: per contract and month; Excel and a print sheet. */
export default function MonthlyReportPage() {
  const { t } = useI18n();
  const contracts = useContracts();
  const [picked, setPicked] = useState<string | undefined>();
  const contractId = picked ?? contracts.data?.items[0]?.id;
  const [month, setMonth] = useState(businessDay().subtract(1, 'month').format('YYYY-MM'));
  const report = useMonthlyReport(contractId, month);
  return (
    <>
      <PageHeader
        title={t('运维月报', 'Monthly O&M report')}
        extra={
          <Space wrap>
            <Select
              style={{ width: 320 }}
              value={contractId}
              onChange={setPicked}
              options={contracts.data?.items.map((c) => ({ value: c.id, label: `${c.contractNo} ${c.vendorName}` }))}
            />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button
              icon={<DownloadOutlined />}
              disabled={!contractId}
              href={`/api/om/contracts/${contractId}/monthly-report.xlsx?month=${month}`}
            >
              Excel
            </Button>
            <Button
              icon={<PrinterOutlined />}
              disabled={!contractId}
              href={`/om/monthly-report/print?contract=${contractId}&month=${month}`}
              target="_blank"
            >
              {t('打印', 'Print')}
            </Button>
          </Space>
        }
      />
      {report.data ? <ReportBody r={report.data} /> : !contracts.data?.items.length && <Empty />}
    </>
  );
}

/** The print sheet (no layout); prints itself once loaded. */
export function MonthlyReportPrint() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const month = params.get('month') ?? businessDay().format('YYYY-MM');
  const report = useMonthlyReport(params.get('contract') ?? undefined, month);
  useEffect(() => {
    if (report.data) setTimeout(() => window.print(), 300);
  }, [report.data]);
  return (
    <div style={{ maxWidth: 900, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t(`机房运维月报（${month}）`, `Monthly O&M report (${month})`)}
      </Typography.Title>
      {report.data && <ReportBody r={report.data} />}
    </div>
  );
}

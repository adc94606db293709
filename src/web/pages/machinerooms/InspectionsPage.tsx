import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Image, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import {
  INSPECTION_CATEGORIES,
  INSPECTION_STATUSES,
  type InspectionView,
  type ReadingView,
} from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { businessDay, formatDateTime } from '../../lib/dates.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { INSPECTIONS_URL as URL, inspectionPhotoUrl, useInspection } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';

const STATUS_COLORS: Record<string, string> = { upcoming: 'default', due: 'blue', done: 'green', done_late: 'orange', missed: 'red' };

/** A reading as shown: the value with its unit, or 正常/异常, red when out of range. */
export function readingText(r: ReadingView, t: (zh: string, en: string) => string) {
  const text = r.kind === 'check' ? (r.ok ? t('正常', 'Normal') : t('异常', 'Abnormal')) : `${r.value ?? '—'} ${r.unit ?? ''}`;
  return r.outOfRange ? <Tag color="red">{text}</Tag> : text;
}

export const rangeText = (r: { minValue: number | null; maxValue: number | null; unit: string | null; kind: string }) =>
  r.kind === 'check' ? '' : `${r.minValue ?? '…'} – ${r.maxValue ?? '…'} ${r.unit ?? ''}`;

/** 巡检: each room's scheduled rounds, their status against now (missed in red), the readings and the photo. */
export default function InspectionsPage() {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(businessDay().format('YYYY-MM'));
  const [status, setStatus] = useState<string | undefined>();
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useInspection(openId);
  const columns: TableColumnsType<InspectionView> = [
    { title: t('巡检日', 'Day'), dataIndex: 'dueOn', key: 'dueAt', sorter: true, width: 110 },
    { title: t('机房', 'Room'), dataIndex: 'roomName', width: 160 },
    { title: t('服务商', 'Vendor'), dataIndex: 'vendorName', width: 200 },
    { title: t('截止时间', 'Due by'), dataIndex: 'dueAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      width: 110,
      render: (v: string) => <Tag color={STATUS_COLORS[v]}>{labelOf(INSPECTION_STATUSES, v, locale)}</Tag>,
    },
    {
      title: t('异常项', 'Anomalies'),
      dataIndex: 'anomalies',
      width: 90,
      align: 'right',
      render: (v: number, r) => (r.doneAt ? v > 0 ? <Tag color="red">{v}</Tag> : 0 : ''),
    },
    {
      title: t('巡检人 / 时间', 'By / at'),
      key: 'done',
      width: 220,
      render: (_, r) => (r.doneAt ? `${r.inspectorName ?? ''} ${formatDateTime(r.doneAt)}` : ''),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          {r.doneAt && (
            <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
              {t('查看', 'View')}
            </Button>
          )}
          {r.canPerform && (
            <Link to={`/m/inspections/${r.id}`}>
              <Button type="link" size="small">
                {t('去巡检', 'Inspect')}
              </Button>
            </Link>
          )}
        </Space>
      ),
    },
  ];
  const d = detail.data;
  return (
    <>
      <PageHeader title={t('机房巡检', 'Inspections')} />
      <ServerTable<InspectionView>
        url={URL}
        columns={columns}
        filters={{ month, status }}
        defaultSort={{ sort: 'dueAt', order: 'asc' }}
        tableProps={{ scroll: { x: 1200 } }}
        toolbar={
          <Space>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
            />
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={optionsOf(INSPECTION_STATUSES, locale)}
            />
          </Space>
        }
      />
      <Drawer
        open={!!openId}
        width={640}
        onClose={() => setOpenId(null)}
        title={d ? `${d.roomName} ${d.dueOn}` : t('巡检记录', 'Inspection')}
      >
        {d && (
          <>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('状态', 'Status')}>
                <Tag color={STATUS_COLORS[d.status]}>{labelOf(INSPECTION_STATUSES, d.status, locale)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('巡检人', 'By')}>{d.inspectorName}</Descriptions.Item>
              <Descriptions.Item label={t('截止', 'Due')}>{formatDateTime(d.dueAt)}</Descriptions.Item>
              <Descriptions.Item label={t('完成', 'Done')}>{d.doneAt ? formatDateTime(d.doneAt) : ''}</Descriptions.Item>
              <Descriptions.Item label={t('说明', 'Note')} span={2}>
                {d.note}
              </Descriptions.Item>
            </Descriptions>
            <Table<ReadingView>
              rowKey="itemId"
              size="small"
              pagination={false}
              dataSource={d.readings}
              columns={[
                {
                  title: t('类别', 'Category'),
                  dataIndex: 'category',
                  width: 90,
                  render: (v: string) => labelOf(INSPECTION_CATEGORIES, v, locale),
                },
                { title: t('巡检项', 'Item'), dataIndex: 'label' },
                { title: t('正常范围', 'Range'), key: 'range', width: 120, render: (_, r) => rangeText(r) },
                { title: t('结果', 'Result'), key: 'value', width: 110, render: (_, r) => readingText(r, t) },
                { title: t('备注', 'Note'), dataIndex: 'note' },
              ]}
            />
            {d.hasPhoto && (
              <div style={{ marginTop: 16 }}>
                <Typography.Text type="secondary">{t('现场照片', 'Photo')}</Typography.Text>
                <div>
                  <Image src={inspectionPhotoUrl(d.id)} width={240} />
                </div>
              </div>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}

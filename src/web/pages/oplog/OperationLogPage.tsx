import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  OPERATION_VIAS,
  type OperationLogEntry,
  type OperationLogPage as LogPage,
  type OperationVia,
} from '../../../shared/oplog.contracts.ts';
import { toQueryString } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { searchOperationLog } from './api.ts';

interface Filters {
  unitId?: string;
  userId?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs, Dayjs];
}

/** 操作日志: who changed what, when, through what; auditors see every unit, a unit's administrator their own. */
export default function OperationLogScreen() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [data, setData] = useState<LogPage | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    searchOperationLog({ ...query, page, pageSize })
      .then((p) => setData(p), showError)
      .finally(() => setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, page, pageSize]);

  const apply = (v: Filters) => {
    setPage(1);
    setQuery({
      unitId: v.unitId || undefined,
      userId: v.userId?.trim() || undefined,
      objectType: v.objectType?.trim() || undefined,
      objectId: v.objectId?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  return (
    <>
      <PageHeader
        title={t('操作日志', 'Operation log')}
        subTitle={t(
          '每一次写操作：网页、API 令牌、命令行、后台任务；只增不改',
          'Every write: web, API token, command line, job; append-only',
        )}
        extra={
          <Button icon={<DownloadOutlined />} href={`/api/operation-log.xlsx${toQueryString(query)}`}>
            {t('导出 Excel', 'Export to Excel')}
          </Button>
        }
      />
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Card size="small">
          <Form form={form} layout="inline" onFinish={apply}>
            <Form.Item name="unitId" label={t('单位', 'Unit')}>
              <UnitSelect style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="userId" label={t('用户 ID', 'User id')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="objectType" label={t('对象类型', 'Object type')}>
              <Input allowClear placeholder="documents" style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="objectId" label={t('对象 ID', 'Object id')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="range" label={t('日期', 'Dates')}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('查询', 'Search')}
            </Button>
          </Form>
        </Card>
        <Card size="small">
          <Table<OperationLogEntry>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showTotal: (n) => (data?.capped ? t(`超过 ${n} 条`, `More than ${n}`) : t(`共 ${n} 条`, `${n} entries`)),
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            columns={[
              { title: t('时间', 'Time'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v, true) },
              {
                title: t('操作人', 'Who'),
                dataIndex: 'userName',
                render: (name: string, e) => (
                  <Space direction="vertical" size={0}>
                    <span>{name}</span>
                    {e.actingFor && <Typography.Text type="secondary">{e.actingFor}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('途径', 'Via'),
                dataIndex: 'via',
                render: (v: OperationVia) => <Tag>{OPERATION_VIAS[v]?.[locale === 'en' ? 1 : 0] ?? v}</Tag>,
              },
              { title: t('单位', 'Unit'), dataIndex: 'unitName' },
              {
                title: t('对象', 'Object'),
                key: 'object',
                render: (_: unknown, e) => `${e.objectType} ${e.objectLabel ?? e.objectId ?? ''}`,
              },
              { title: t('操作', 'Action'), dataIndex: 'action' },
              { title: t('变更（前 → 后）', 'Change (before → after)'), dataIndex: 'changes' },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}

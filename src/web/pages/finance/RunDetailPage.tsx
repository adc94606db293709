import { useState } from 'react';
import { Card, Descriptions, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDepreciationRun, useRunEntries } from './api.ts';

/** One run: its totals and its entries, page by page. */
export default function RunDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [page, setPage] = useState(1);
  const run = useDepreciationRun(id);
  const entries = useRunEntries(id, page, 50);
  const r = run.data;
  return (
    <div>
      <PageHeader
        back="/finance/depreciation"
        title={t('计提明细', 'Run entries')}
        tags={r && (r.status === 'closed' ? <Tag>{t('已结账', 'Closed')}</Tag> : <Tag color="blue">{t('未结账', 'Open')}</Tag>)}
      />
      {r && (
        <Card size="small">
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('单位', 'Unit')}>{r.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('月份', 'Month')}>{r.month}</Descriptions.Item>
            <Descriptions.Item label={t('卡片数', 'Cards')}>{r.cardCount}</Descriptions.Item>
            <Descriptions.Item label={t('折旧额', 'Amount')}>
              <Money fen={r.totalFen} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card size="small" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="cardId"
          loading={entries.isLoading}
          dataSource={entries.data?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', render: (v: string, e) => <Link to={`/cards/${e.cardId}`}>{v}</Link> },
            { title: t('资产名称', 'Name'), dataIndex: 'name' },
            { title: t('原值', 'Value'), dataIndex: 'originalValueFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            {
              title: t('月初累计折旧', 'Accumulated before'),
              dataIndex: 'accumulatedBeforeFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            { title: t('本月计提', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: t('工作量', 'Workload'), dataIndex: 'workload', align: 'right' },
          ]}
        />
      </Card>
    </div>
  );
}

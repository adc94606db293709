import { useState } from 'react';
import { InputNumber, Space, Table, Typography } from 'antd';
import type { UtilisationRow } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useUtilisation } from './api.ts';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** 资产使用效益: per unit, the share of held cards in use, long-idle cards, and what moved through the pool. */
export default function UtilisationPage() {
  const { t } = useI18n();
  const [idleMonths, setIdleMonths] = useState(6);
  const { data, isFetching } = useUtilisation(idleMonths);
  return (
    <>
      <PageHeader
        title={t('资产使用效益', 'Asset utilisation')}
        extra={
          <Space>
            {t('闲置超过', 'Idle longer than')}
            <InputNumber min={1} max={240} value={idleMonths} onChange={(v) => v && setIdleMonths(v)} />
            {t('个月标记', 'months is flagged')}
          </Space>
        }
      />
      <Table<UtilisationRow>
        rowKey="unitId"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: t('单位', 'Unit'), key: 'unit', render: (_, r) => `${r.unitCode} ${r.unitName}` },
          { title: t('在账资产', 'Held'), dataIndex: 'held', align: 'right' },
          { title: t('在用', 'In use'), dataIndex: 'inUse', align: 'right' },
          { title: t('闲置', 'Idle'), dataIndex: 'idle', align: 'right' },
          {
            title: t('使用率', 'Usage rate'),
            dataIndex: 'usageRatePermille',
            align: 'right',
            render: (v: number) => `${(v / 10).toFixed(1)}%`,
          },
          {
            title: t('长期闲置', 'Idle too long'),
            dataIndex: 'idleOverdue',
            align: 'right',
            render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
          { title: t('在仓', 'In pool'), dataIndex: 'listed', align: 'right' },
          { title: t('调出价值', 'Given'), dataIndex: 'givenFen', align: 'right', render: (v) => <Money fen={v} /> },
          { title: t('调入价值', 'Taken'), dataIndex: 'takenFen', align: 'right', render: (v) => <Money fen={v} /> },
        ]}
      />
      {data && <Typography.Paragraph type="secondary">{t(`截至 ${data.asOf}`, `As of ${data.asOf}`)}</Typography.Paragraph>}
    </>
  );
}

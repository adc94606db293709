import { Card, Table } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { useScopeCards } from './api.ts';

type Row = NonNullable<ReturnType<typeof useScopeCards>['data']>['items'][number];

/** 合同范围内的资产: the racked devices and the listed cards of the contracts the caller reads, owner and manager apart. */
export function ScopeCardsCard() {
  const { t } = useI18n();
  const cards = useScopeCards();
  return (
    <Card size="small" title={t('合同范围内的资产', 'Cards in scope')} style={{ marginBottom: 16 }}>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={cards.isLoading}
        dataSource={cards.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo' },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('合同', 'Contract'), dataIndex: 'contractNo' },
          { title: t('机房', 'Room'), dataIndex: 'roomCode' },
          {
            title: t('机柜', 'Rack'),
            dataIndex: 'rackCode',
            render: (v: string | null) => v ?? t('未上架（合同列明）', 'Not racked (listed)'),
          },
          { title: t('权属单位', 'Owner'), dataIndex: 'ownerUnitName' },
          { title: t('管理单位', 'Managing unit'), dataIndex: 'managingUnitName' },
        ]}
      />
    </Card>
  );
}

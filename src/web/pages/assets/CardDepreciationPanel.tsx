import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { useCardDepreciation } from './api.ts';

/** A card's depreciation: the opening balance it came in with, a late entry's real date, and each month's charge. */
export function CardDepreciationPanel({ cardId }: { cardId: string }) {
  const { t } = useI18n();
  const dep = useCardDepreciation(cardId);
  const d = dep.data;
  if (!d) return null;
  return (
    <Card size="small" title={t('折旧记录', 'Depreciation')} data-testid="card-depreciation">
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('已提折旧月数', 'Months depreciated')}>{d.monthsDone}</Descriptions.Item>
        {d.opening && (
          <Descriptions.Item label={t('期初余额', 'Opening balance')}>
            {t(`${d.opening.month} 末 `, `end of ${d.opening.month}: `)}
            <Money fen={d.opening.accumulatedFen} />
            {t(`（${d.opening.months} 个月）`, ` (${d.opening.months} months)`)}
          </Descriptions.Item>
        )}
        {d.recognizedOn && (
          <Descriptions.Item label={t('补记', 'Late entry')}>
            <Tag color="orange">
              {t(`实际入账日期 ${d.recognizedOn}，所属月份已结账`, `recognised ${d.recognizedOn}, in a closed month`)}
            </Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      {d.items.length === 0 ? (
        <Typography.Text type="secondary">{t('尚未在本系统计提折旧', 'No charge here yet')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="month"
          dataSource={[...d.items].reverse()}
          pagination={{ pageSize: 12, size: 'small' }}
          columns={[
            { title: t('月份', 'Month'), dataIndex: 'month' },
            {
              title: t('本月计提', 'Charge'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number, r) => (
                <>
                  {r.months > 1 && <Tag>{t(`补提 ${r.months} 个月`, `${r.months} months`)}</Tag>}
                  <Money fen={v} />
                </>
              ),
            },
            {
              title: t('累计折旧', 'Accumulated'),
              dataIndex: 'accumulatedAfterFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string) => (s === 'closed' ? <Tag color="blue">{t('已结账', 'Closed')}</Tag> : <Tag>{t('未结账', 'Open')}</Tag>),
            },
          ]}
        />
      )}
    </Card>
  );
}

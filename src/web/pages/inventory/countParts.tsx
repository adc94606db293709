import type { ReactNode } from 'react';
import { Table, Tag } from 'antd';
import { COUNT_OUTCOMES, type CountResult, type ResultLine } from '../../../shared/inventory.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';

export const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
const outcomeColor: Record<string, string> = { found: 'green', moved: 'orange', missing: 'red', surplus: 'blue', outside: 'purple' };

/** The totals by unit with the match rate (账实相符率), and the total row. */
export function TotalsTable({ result, print }: { result: CountResult; print?: boolean }) {
  const { t } = useI18n();
  const rows = [...result.byUnit, { ...result.totals, unitId: 'total', unitName: t('合计', 'Total') }];
  return (
    <Table
      rowKey="unitId"
      size="small"
      pagination={false}
      bordered={print}
      dataSource={rows}
      columns={[
        { title: t('单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('账面数', 'Expected'), dataIndex: 'expected', align: 'right' },
        { title: t('账实相符', 'In place'), dataIndex: 'found', align: 'right' },
        { title: t('异位', 'Elsewhere'), dataIndex: 'moved', align: 'right' },
        { title: t('盘亏', 'Missing'), dataIndex: 'missing', align: 'right' },
        { title: t('损坏', 'Damaged'), dataIndex: 'damaged', align: 'right' },
        { title: t('盘亏原值', 'Missing value'), dataIndex: 'missingValueFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        { title: t('账实相符率', 'Match rate'), dataIndex: 'matchRateBp', align: 'right', render: pct },
      ]}
    />
  );
}

/** The lines of the result: each outcome, the book and found rooms, who counted and when. */
export function LinesTable({
  lines,
  print,
  action,
}: {
  lines: ResultLine[];
  print?: boolean;
  /** A control per line (the planner's surplus registration). */
  action?: (line: ResultLine) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Table<ResultLine>
      rowKey={(r, i) => `${r.outcome}-${r.cardId ?? r.cardNo ?? r.name}-${i}`}
      size="small"
      bordered={print}
      pagination={print ? false : { pageSize: 50 }}
      dataSource={lines}
      columns={[
        {
          title: t('结果', 'Outcome'),
          dataIndex: 'outcome',
          render: (v: ResultLine['outcome'], r) => (
            <>
              <Tag color={outcomeColor[v]}>{t(COUNT_OUTCOMES[v][0], COUNT_OUTCOMES[v][1])}</Tag>
              {r.damaged && <Tag color="volcano">{t('损坏', 'Damaged')}</Tag>}
              {r.changedSinceSnapshot && <Tag color="gold">{t('盘点期间有变动', 'Changed while counting')}</Tag>}
            </>
          ),
        },
        { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo' },
        { title: t('名称', 'Name'), dataIndex: 'name' },
        { title: t('单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('账面地点', 'Book room'), dataIndex: 'bookRoomName' },
        { title: t('实际地点', 'Found in'), dataIndex: 'foundRoomName' },
        {
          title: t('原值', 'Value'),
          dataIndex: 'valueFen',
          align: 'right',
          render: (v: number | null) => (v === null ? '' : <Money fen={v} />),
        },
        { title: t('盘点人', 'Counter'), dataIndex: 'counterName' },
        { title: t('时间', 'When'), dataIndex: 'scannedAt' },
        { title: t('备注', 'Note'), dataIndex: 'note' },
        ...(action
          ? [
              {
                title: t('操作', 'Actions'),
                key: 'action',
                render: (_: unknown, r: ResultLine) => (
                  <>
                    {r.outcome === 'surplus' && (r.registered ? <Tag color="green">{t('已登记', 'Registered')}</Tag> : null)}
                    {action(r)}
                  </>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

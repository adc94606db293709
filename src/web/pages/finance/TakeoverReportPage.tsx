import { useState } from 'react';
import { Button, Checkbox, Descriptions, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { TakeoverReport } from '../../../shared/finance.contracts.ts';
import { useTakeoverReport } from './api.ts';

type Line = TakeoverReport['lines'][number];

/** 期初建账报告: the opening balances by class, each line ticked off against the old system's closing figures. */
export default function TakeoverReportPage() {
  const { t } = useI18n();
  const { unitId = '' } = useParams();
  const report = useTakeoverReport(unitId);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const r = report.data;
  const money = (key: 'originalValueFen' | 'accumulatedFen' | 'netFen') => (_: unknown, l: Line) => <Money fen={l[key]} />;
  return (
    <div>
      <PageHeader
        back="/finance/books"
        title={t('期初建账报告', 'Takeover report')}
        breadcrumb={[{ title: t('账套与结账', 'Books and closing'), path: '/finance/books' }]}
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
        }
      />
      {r && (
        <>
          <Descriptions
            size="small"
            column={3}
            items={[
              { label: t('单位', 'Unit'), children: r.unitName },
              { label: t('期初建账月份', 'Takeover month'), children: r.takeoverMonth ?? '—' },
              { label: t('本系统起始月份', 'Books open from'), children: r.booksOpenFrom ?? '—' },
            ]}
          />
          <Typography.Paragraph type="secondary">
            {t('逐行与旧系统该月末的资产余额核对，核对无误的行请勾选', "Tick each line once it equals the old system's closing balance")}
          </Typography.Paragraph>
          <Table<Line>
            rowKey="categoryCode"
            size="small"
            pagination={false}
            dataSource={r.lines}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('合计', 'Total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {r.total.count}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {r.total.quantity}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Money fen={r.total.originalValueFen} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Money fen={r.total.accumulatedFen} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <Money fen={r.total.netFen} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              {
                title: t('已核对', 'Checked'),
                width: 70,
                render: (_, l) => (
                  <Checkbox
                    checked={ticked.has(l.categoryCode)}
                    onChange={(e) =>
                      setTicked((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(l.categoryCode);
                        else n.delete(l.categoryCode);
                        return n;
                      })
                    }
                  />
                ),
              },
              { title: t('分类代码', 'Code'), dataIndex: 'categoryCode' },
              { title: t('资产分类', 'Category'), dataIndex: 'categoryName' },
              { title: t('卡片数', 'Cards'), dataIndex: 'count', align: 'right' },
              { title: t('数量', 'Quantity'), dataIndex: 'quantity', align: 'right' },
              { title: t('原值', 'Original value'), align: 'right', render: money('originalValueFen') },
              { title: t('累计折旧', 'Accumulated'), align: 'right', render: money('accumulatedFen') },
              { title: t('净值', 'Net value'), align: 'right', render: money('netFen') },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t(`已核对 ${ticked.size} / ${r.lines.length} 行`, `${ticked.size} of ${r.lines.length} lines checked`)}
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}

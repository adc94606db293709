import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { SCORE_ITEMS, SCORECARD_STATUSES, type ScorecardLine, type ScorecardView } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  computeScorecard,
  lockScorecard,
  reviewScorecard,
  submitMonthlyReport,
  useContracts,
  usePayment,
  useScorecards,
  useStatement,
} from './api.ts';
import { labelOf } from './labels.ts';
import { businessDay } from '../../lib/dates.ts';

const STATUS_COLORS: Record<string, string> = { draft: 'blue', reviewed: 'gold', locked: 'green' };

/** 运维考核: per contract and year, the monthly scorecards (compute, review, lock, export), the statement and the payment. */
export default function ScorecardsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manage = can('machineroom.manage');
  const contracts = useContracts();
  const [picked, setPicked] = useState<string | undefined>();
  const contractId = picked ?? contracts.data?.items[0]?.id;
  const [year, setYear] = useState(businessDay().year());
  const [month, setMonth] = useState(businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const cards = useScorecards(contractId, year);
  const payment = usePayment(contractId, year);
  const open = cards.data?.items.find((s) => s.id === openId);
  const statement = useStatement(contractId, open?.status === 'locked' ? open.month : undefined);
  const refresh = () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('om-') });
  const act = (fn: () => Promise<unknown>) => async () => {
    await fn();
    message.success(t('已完成', 'Done'));
    await refresh();
  };
  return (
    <>
      <PageHeader
        title={t('运维考核与结算', 'Scorecards and statements')}
        extra={
          <Space wrap>
            <Select
              style={{ width: 320 }}
              value={contractId}
              onChange={setPicked}
              options={contracts.data?.items.map((c) => ({ value: c.id, label: `${c.contractNo} ${c.vendorName}` }))}
            />
            <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            {manage && contractId && (
              <Button type="primary" onClick={act(() => computeScorecard({ contractId, month }))}>
                {t(`计算 ${month} 考核`, `Score ${month}`)}
              </Button>
            )}
            {can('omreport.submit') && contractId && (
              <ConfirmButton
                confirm={t(`报送 ${month} 运维月报？报送后不能撤回。`, `Submit the ${month} report? This cannot be undone.`)}
                onConfirm={act(() => submitMonthlyReport({ contractId, month }))}
              >
                {t(`报送 ${month} 月报`, `Submit the ${month} report`)}
              </ConfirmButton>
            )}
          </Space>
        }
      />
      {!contracts.data?.items.length && <Empty />}
      {payment.data && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={5}>
              <Statistic title={t('已锁定月份', 'Locked months')} value={payment.data.months.length} />
            </Col>
            <Col span={5}>
              <Statistic title={t('年度平均分', 'Mean score')} value={payment.data.meanScore ?? '—'} />
            </Col>
            <Col span={4}>
              <Statistic
                title={t('付款比例', 'Share paid')}
                value={payment.data.percent ?? '—'}
                suffix={payment.data.percent === null ? '' : '%'}
              />
            </Col>
            <Col span={5}>
              <div>{t('应付金额', 'Payment')}</div>
              {payment.data.paymentFen === null ? '—' : <Money fen={payment.data.paymentFen} />}
            </Col>
            <Col span={5}>
              <div>{t('累计考核扣款', 'Penalties')}</div>
              <Money fen={payment.data.penaltiesFen} />
            </Col>
          </Row>
        </Card>
      )}
      <Table<ScorecardView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={cards.data?.items}
        columns={[
          { title: t('月份', 'Month'), dataIndex: 'month', width: 100 },
          { title: t('得分', 'Score'), dataIndex: 'score', width: 90, align: 'right' },
          {
            title: t('结果', 'Result'),
            dataIndex: 'passed',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="green">{t('合格', 'Pass')}</Tag> : <Tag color="red">{t('不合格', 'Fail')}</Tag>),
          },
          { title: t('扣款', 'Penalty'), dataIndex: 'penaltyFen', width: 130, align: 'right', render: (v: number) => <Money fen={v} /> },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 100,
            render: (v: string) => <Tag color={STATUS_COLORS[v]}>{labelOf(SCORECARD_STATUSES, v, locale)}</Tag>,
          },
          {
            title: t('操作', 'Actions'),
            key: 'a',
            render: (_, r) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
                  {t('明细', 'Details')}
                </Button>
                <Button type="link" size="small" icon={<DownloadOutlined />} href={`/api/om/scorecards/${r.id}/export.xlsx`}>
                  Excel
                </Button>
                {manage && r.status === 'draft' && (
                  <Button type="link" size="small" onClick={act(() => computeScorecard({ contractId: r.contractId, month: r.month }))}>
                    {t('重算', 'Recompute')}
                  </Button>
                )}
                {manage && r.status === 'draft' && (
                  <ConfirmButton
                    type="link"
                    size="small"
                    confirm={t(`审核 ${r.month} 考核表？审核后不能重算。`, `Review ${r.month}? It can no longer be recomputed.`)}
                    description={
                      <Input.TextArea placeholder={t('审核意见', 'Note')} value={note} onChange={(e) => setNote(e.target.value)} />
                    }
                    onConfirm={act(async () => {
                      await reviewScorecard(r.id, { note: note || null });
                      setNote('');
                    })}
                  >
                    {t('审核', 'Review')}
                  </ConfirmButton>
                )}
                {manage && r.status === 'reviewed' && (
                  <ConfirmButton
                    type="link"
                    size="small"
                    danger
                    confirm={t(
                      `锁定 ${r.month} 考核表？扣款将写入服务商结算清单，锁定后不可更改。`,
                      `Lock ${r.month}? Penalties go to the statement; this cannot be undone.`,
                    )}
                    onConfirm={act(() => lockScorecard(r.id))}
                  >
                    {t('锁定', 'Lock')}
                  </ConfirmButton>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={!!open}
        width={760}
        onClose={() => setOpenId(null)}
        title={open && `${open.contractNo} ${open.month} ${t('考核表', 'scorecard')}`}
      >
        {open && (
          <>
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('满分', 'Full marks')}>{open.fullMarks}</Descriptions.Item>
              <Descriptions.Item label={t('合格分', 'Pass mark')}>{open.passMark}</Descriptions.Item>
              <Descriptions.Item label={t('得分', 'Score')}>{open.score}</Descriptions.Item>
              <Descriptions.Item label={t('审核意见', 'Review note')} span={3}>
                {open.reviewNote}
              </Descriptions.Item>
            </Descriptions>
            <Table<ScorecardLine>
              rowKey="item"
              size="small"
              pagination={false}
              dataSource={open.lines}
              columns={[
                { title: t('考核项', 'Item'), dataIndex: 'item', render: (v: string) => labelOf(SCORE_ITEMS, v, locale) },
                { title: t('次数', 'Count'), dataIndex: 'count', width: 60, align: 'right' },
                { title: t('扣分', 'Points'), dataIndex: 'points', width: 70, align: 'right' },
                {
                  title: t('扣款', 'Penalty'),
                  dataIndex: 'penaltyFen',
                  width: 110,
                  align: 'right',
                  render: (v: number) => <Money fen={v} />,
                },
                { title: t('明细', 'Counted'), dataIndex: 'refs', render: (v: string[]) => v.join('、') },
              ]}
            />
            {statement.data && (
              <Card size="small" title={t('结算清单', 'Statement')} style={{ marginTop: 16 }}>
                <Table
                  rowKey={(_, i) => String(i)}
                  size="small"
                  pagination={false}
                  dataSource={statement.data.lines}
                  columns={[
                    { title: t('项目', 'Line'), dataIndex: 'description' },
                    {
                      title: t('金额', 'Amount'),
                      dataIndex: 'amountFen',
                      width: 140,
                      align: 'right',
                      render: (v: number) => <Money fen={v} />,
                    },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t('合计', 'Total')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <Money fen={statement.data!.totalFen} />
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </Card>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}

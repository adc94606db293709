import { useState } from 'react';
import { App, Button, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { IndicatorScore, UnitEvaluation } from '../../../shared/evaluation.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { poolKeys, submitReview, submitSelfEvaluation, useEvaluation } from './api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { businessYear } from '../../lib/dates.ts';

const thisYear = businessYear();
export const yearOptions = Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i}` }));
const STATUS: Record<string, [string, string, string]> = {
  self_submitted: ['已自评', 'Self-evaluated', 'blue'],
  reviewed: ['已复核', 'Reviewed', 'green'],
};

/** The indicators of one unit: figure, points, rescaled points and the sentence that explains them. */
export function IndicatorTable({ items }: { items: IndicatorScore[] }) {
  const { t } = useI18n();
  return (
    <Table<IndicatorScore>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('指标', 'Indicator'), dataIndex: 'name', width: 220 },
        { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70, align: 'right' },
        { title: t('实际值', 'Value'), dataIndex: 'value', width: 90, align: 'right', render: (v) => v ?? '—' },
        {
          title: t('得分', 'Points'),
          dataIndex: 'score',
          width: 80,
          align: 'right',
          render: (v: number, r) => (r.applicable ? v.toFixed(2) : <Tag>{t('不适用', 'N/A')}</Tag>),
        },
        {
          title: t('折算得分', 'Rescaled'),
          dataIndex: 'weighted',
          width: 90,
          align: 'right',
          render: (v: number, r) => (r.applicable ? v.toFixed(2) : '—'),
        },
        { title: t('说明', 'Explanation'), dataIndex: 'explanation' },
      ]}
    />
  );
}

/** 资产使用效益评价: the year's scores per unit, ranked, with each indicator explained; self-evaluation and review. */
export default function EvaluationPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(thisYear);
  const [acting, setActing] = useState<{ unit: UnitEvaluation; mode: 'self' | 'review' }>();
  const [comment, setComment] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const { data, isFetching } = useEvaluation(year);

  const submit = async () => {
    if (!acting) return;
    try {
      const r =
        acting.mode === 'self'
          ? await submitSelfEvaluation(acting.unit.unitId, { year, comment: comment || undefined })
          : await submitReview(acting.unit.unitId, { year, comment, score: score ?? undefined });
      message.success(t(`已提交，得分 ${r.score.toFixed(2)}`, `Submitted: ${r.score.toFixed(2)}`));
      setActing(undefined);
      setComment('');
      setScore(null);
      await qc.invalidateQueries({ queryKey: poolKeys.evaluationAll });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title={t('资产使用效益评价', 'Utilisation evaluation')}
        extra={
          <Space wrap>
            <Select value={year} options={yearOptions} onChange={setYear} style={{ width: 100 }} data-testid="eval-year" />
            <Button icon={<DownloadOutlined />} href={`/api/evaluation/export.xlsx?year=${year}`}>
              {t('导出 Excel', 'Export Excel')}
            </Button>
            <Link to={`/pool/evaluation/print?year=${year}`} target="_blank">
              <Button icon={<PrinterOutlined />}>{t('打印', 'Print')}</Button>
            </Link>
            <Link to="/pool/indicators">{t('指标体系', 'Indicators')}</Link>
            <Link to="/pool/accountability">{t('责任追究', 'Accountability')}</Link>
          </Space>
        }
      />
      <Table<UnitEvaluation>
        rowKey="unitId"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        expandable={{ expandedRowRender: (u) => <IndicatorTable items={u.items} /> }}
        columns={[
          { title: t('排名', 'Rank'), dataIndex: 'rank', width: 70, align: 'right' },
          { title: t('单位', 'Unit'), key: 'unit', render: (_, u) => `${u.unitCode} ${u.unitName}` },
          {
            title: t('总分', 'Score'),
            dataIndex: 'total',
            width: 90,
            align: 'right',
            render: (v: number, u) => <span data-testid={`eval-total-${u.unitCode}`}>{v.toFixed(2)}</span>,
          },
          { title: t('适用权重', 'Applicable weight'), dataIndex: 'applicableWeight', width: 100, align: 'right' },
          { title: t('自评', 'Self'), dataIndex: 'selfScore', width: 80, align: 'right', render: (v) => v?.toFixed(2) ?? '—' },
          { title: t('复核', 'Review'), dataIndex: 'reviewScore', width: 80, align: 'right', render: (v) => v?.toFixed(2) ?? '—' },
          {
            title: t('上年', 'Last year'),
            dataIndex: 'previousScore',
            width: 80,
            align: 'right',
            render: (v: number | null, u) =>
              v === null ? '—' : <Typography.Text type={u.total >= v ? 'success' : 'danger'}>{v.toFixed(2)}</Typography.Text>,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string | null) => (v ? <Tag color={STATUS[v][2]}>{t(STATUS[v][0], STATUS[v][1])}</Tag> : t('未自评', 'Not yet')),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 120,
            render: (_, u) => (
              <Space size={0}>
                {can('evaluation.self') && u.status !== 'reviewed' && (
                  <Button size="small" type="link" onClick={() => setActing({ unit: u, mode: 'self' })}>
                    {t('自评', 'Self-evaluate')}
                  </Button>
                )}
                {can('evaluation.manage') && u.status === 'self_submitted' && (
                  <Button size="small" type="link" onClick={() => setActing({ unit: u, mode: 'review' })}>
                    {t('复核', 'Review')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {data && (
        <Typography.Paragraph type="secondary">
          {t(
            `数据截至 ${data.asOf}。不适用的指标（如年内无盘点）不计分，其权重由其余指标按比例分摊：总分 = 100 × 得分合计 ÷ 适用权重。`,
            `Figures as of ${data.asOf}. Inapplicable indicators are left out and the others rescaled: score = 100 × points ÷ applicable weight.`,
          )}
        </Typography.Paragraph>
      )}
      <Modal
        open={!!acting}
        title={acting ? `${acting.mode === 'self' ? t('自评', 'Self-evaluation') : t('复核', 'Review')}：${acting.unit.unitName}` : ''}
        okText={t('提交', 'Submit')}
        onOk={submit}
        onCancel={() => setActing(undefined)}
        destroyOnHidden
      >
        <p>
          {t('系统计算得分', 'Computed score')}：{acting?.unit.total.toFixed(2)}
          {acting?.mode === 'review' && acting.unit.selfScore !== null && `；${t('自评', 'Self')} ${acting.unit.selfScore.toFixed(2)}`}
        </p>
        {acting?.mode === 'review' && (
          <p>
            {t('复核得分（留空则采用自评得分）', 'Review score (blank keeps the self-evaluation)')}：
            <InputNumber min={0} max={100} step={0.01} value={score} onChange={setScore} />
          </p>
        )}
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={acting?.mode === 'review' ? t('复核意见（必填）', 'Review comment (required)') : t('自评说明', 'Comment')}
        />
      </Modal>
    </>
  );
}

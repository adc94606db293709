import { Alert, App, Button, Card, Descriptions, Progress, Segmented, Space, Table, Tag } from 'antd';
import { DownloadOutlined, MobileOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { COUNT_REASONS, COUNT_STATUSES } from '../../../shared/inventory.contracts.ts';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import { closeCount, countResult, getCount, startCount } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AssignmentsCard, RecountCard, SurplusButton } from './CountControls.tsx';
import { LinesTable, pct, TotalsTable } from './countParts.tsx';

/** A count: its plan, live progress, the reconciliation, and the adjustment documents once closed. */
export default function CountDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const [filter, setFilter] = useState<string>('all');
  const count = useQuery({ queryKey: ['count', id], queryFn: () => getCount(id), refetchInterval: 10_000 });
  const result = useQuery({
    queryKey: ['count', id, 'result'],
    queryFn: () => countResult(id),
    enabled: !!count.data && count.data.status !== 'planned',
    refetchInterval: 10_000,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['count', id] });
  const c = count.data;
  if (!c) return <Card loading={count.isLoading}>{count.error ? t('盘点任务不存在', 'No such count') : null}</Card>;
  const r = result.data;
  const lines = (r?.lines ?? []).filter((l) => filter === 'all' || (filter === 'damaged' ? l.damaged : l.outcome === filter));
  return (
    <>
      <PageHeader
        title={c.title}
        back="/counts"
        tags={
          <Tag>
            {t(COUNT_STATUSES[c.status as keyof typeof COUNT_STATUSES][0], COUNT_STATUSES[c.status as keyof typeof COUNT_STATUSES][1])}
          </Tag>
        }
        extra={
          <Space wrap>
            {c.can.start && (
              <ConfirmButton
                type="primary"
                confirm={t('开始盘点？', 'Start the count?')}
                description={t('将冻结当前账面清单作为盘点依据', 'The current book list is frozen as the expected list')}
                onConfirm={async () => {
                  await startCount(id);
                  await refresh();
                }}
                successMessage={t('盘点已开始', 'Count started')}
              >
                {t('开始盘点', 'Start')}
              </ConfirmButton>
            )}
            {c.can.scan && (
              <Link to={`/m/counts/${id}`}>
                <Button icon={<MobileOutlined />}>{t('手机盘点', 'Scan on a phone')}</Button>
              </Link>
            )}
            {c.status !== 'planned' && (
              <>
                <Button icon={<DownloadOutlined />} href={`/api/counts/${id}/result.xlsx`}>
                  {t('导出 Excel', 'Excel')}
                </Button>
                <Link to={`/counts/${id}/print`} target="_blank">
                  <Button icon={<PrinterOutlined />}>{t('打印盘点报告', 'Print the report')}</Button>
                </Link>
              </>
            )}
            {c.can.close && (
              <ConfirmButton
                danger
                confirm={t('结束盘点并生成调整单据？', 'Close the count and create the adjustments?')}
                description={t(
                  '结束后不能再录入；异位生成变动单，盘亏生成核销处置单，提交审批，批准执行后才变更卡片',
                  'No more scans; moves and write-offs are created and submitted for approval; cards change only once executed',
                )}
                onConfirm={async () => {
                  const res = await closeCount(id);
                  await refresh();
                  if (res.held.length || res.drafts.length)
                    modal.warning({
                      title: t('部分调整需另行处理', 'Some adjustments need a hand'),
                      content: [
                        ...res.drafts.map((d) =>
                          t(`单据 ${d.docNo} 保留为草稿：${d.reason}`, `Document ${d.docNo} kept as a draft: ${d.reason}`),
                        ),
                        ...res.held.map((h) => `${h.cardNo}：${h.reason}`),
                      ].join('\n'),
                      width: 560,
                      styles: { body: { whiteSpace: 'pre-line' } },
                    });
                }}
                successMessage={t('已结束，调整单据已提交审批', 'Closed; adjustments submitted')}
              >
                {t('结束盘点', 'Close the count')}
              </ConfirmButton>
            )}
          </Space>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('原因', 'Reason')}>
          {t(COUNT_REASONS[c.reason as keyof typeof COUNT_REASONS][0], COUNT_REASONS[c.reason as keyof typeof COUNT_REASONS][1])}
          {c.repeatsYearly && <Tag style={{ marginLeft: 8 }}>{t('每年重复', 'Repeats yearly')}</Tag>}
          {c.repeatOf && <Link to={`/counts/${c.repeatOf}`}>{t('上一年度', 'Last year')}</Link>}
          {c.nextCountId && (
            <Link to={`/counts/${c.nextCountId}`} style={{ marginLeft: 8 }}>
              {t('下一年度', 'Next year')}
            </Link>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('基准日', 'Base date')}>{c.baseDate}</Descriptions.Item>
        <Descriptions.Item label={t('截止日期', 'Due')}>{c.dueDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('单位', 'Units')}>{c.unitNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('盘点人', 'Counters')}>
          {c.counters.map((x) => `${x.name}${x.lead ? t('（组长）', ' (lead)') : ''}：${x.scans}`).join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('开始', 'Started')}>{c.startedAt ?? '—'}</Descriptions.Item>
      </Descriptions>
      {c.status !== 'planned' && (
        <Progress
          percent={c.expectedCount ? Math.floor((c.countedCount * 100) / c.expectedCount) : 0}
          format={() => `${c.countedCount} / ${c.expectedCount}`}
          style={{ maxWidth: 480 }}
        />
      )}
      <AssignmentsCard count={c} />
      <RecountCard count={c} />
      {r && (
        <>
          {r.periodNotes.map((n) => (
            <Alert key={n} type="info" showIcon title={n} style={{ margin: '12px 0' }} />
          ))}
          <Card size="small" title={`${t('账实相符率', 'Match rate')} ${pct(r.totals.matchRateBp)}`} style={{ margin: '12px 0' }}>
            <TotalsTable result={r} />
            <div style={{ marginTop: 8 }}>
              {t('盘盈（无卡片）', 'Surplus (no card)')}：{r.totals.surplus}　{t('不属于本次范围', 'Outside this count')}：
              {r.totals.outside}
            </div>
          </Card>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(String(v))}
            options={[
              { value: 'all', label: t('全部差异', 'All differences') },
              { value: 'missing', label: `${t('盘亏', 'Missing')} ${r.totals.missing}` },
              { value: 'moved', label: `${t('异位', 'Elsewhere')} ${r.totals.moved}` },
              { value: 'damaged', label: `${t('损坏', 'Damaged')} ${r.totals.damaged}` },
              { value: 'surplus', label: `${t('盘盈', 'Surplus')} ${r.totals.surplus}` },
              { value: 'outside', label: `${t('范围外', 'Outside')} ${r.totals.outside}` },
            ]}
            style={{ marginBottom: 8 }}
          />
          <LinesTable lines={lines} action={(l) => (l.outcome === 'surplus' ? <SurplusButton count={c} line={l} /> : null)} />
        </>
      )}
      {c.documents.length > 0 && (
        <Card size="small" title={t('调整单据', 'Adjustment documents')} style={{ marginTop: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.documents}
            columns={[
              { title: t('单号', 'No.'), dataIndex: 'docNo', render: (v, d) => <Link to={`/documents/${d.id}`}>{v}</Link> },
              {
                title: t('类型', 'Type'),
                dataIndex: 'type',
                render: (v: keyof typeof DOCUMENT_TYPES) => t(DOCUMENT_TYPES[v][0], DOCUMENT_TYPES[v][1]),
              },
              { title: t('资产数', 'Cards'), dataIndex: 'lineCount' },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                render: (v: keyof typeof DOCUMENT_STATUSES) => t(DOCUMENT_STATUSES[v][0], DOCUMENT_STATUSES[v][1]),
              },
            ]}
          />
          <div style={{ marginTop: 8, color: '#888' }}>
            {t(
              '已登记的盘盈资产生成盘盈入账单；未登记的盘盈请在「登记资产卡片」中以取得方式“盘盈”登记入账。',
              'Registered surpluses become surplus registration documents; register the others as cards acquired by "surplus".',
            )}
          </div>
        </Card>
      )}
    </>
  );
}

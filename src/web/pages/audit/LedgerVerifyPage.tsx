import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { DEPRECIATION_LEDGER_PROBLEMS, LEDGER_PROBLEMS, type LedgerVerification } from '../../../shared/assets.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { verifyLedger } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { formatDateTime } from '../../lib/dates.ts';

type Failure = LedgerVerification['failures'][number];
type DepreciationFailure = LedgerVerification['depreciation']['failures'][number];

/** The auditor re-checks every card's hash chain and sees which cards were altered, lost events or were reordered. */
export default function LedgerVerifyPage() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<LedgerVerification | null>(null);
  const run = async () => {
    setRunning(true);
    try {
      setResult(await verifyLedger());
    } catch (e) {
      showError(e);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('资产台账校验', 'Ledger verification')}
        subTitle={t(
          '逐卡重算哈希链：发现被篡改、删除或调换顺序的履历记录',
          'Recomputes every card’s hash chain to find altered, removed or reordered events',
        )}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={run}>
            {t('开始校验', 'Verify now')}
          </Button>
        }
      />
      {result && (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {result.ok ? (
            <Alert type="success" showIcon message={t('全部台账链完整，未发现篡改', 'Every ledger chain is intact')} />
          ) : (
            <Alert
              type="error"
              showIcon
              message={t(
                `${result.failedCards} 张卡片的台账链校验失败；折旧记录问题 ${result.depreciation.failures.length} 处，涉及卡片 ${new Set(result.depreciation.failures.map((f) => f.cardId).filter(Boolean)).size} 张`,
                `${result.failedCards} card(s) failed verification; ${result.depreciation.failures.length} depreciation ledger problem(s) on ${new Set(result.depreciation.failures.map((f) => f.cardId).filter(Boolean)).size} card(s)`,
              )}
            />
          )}
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label={t('校验卡片', 'Cards checked')}>{result.checkedCards}</Descriptions.Item>
              <Descriptions.Item label={t('校验事件', 'Events checked')}>{result.checkedEvents}</Descriptions.Item>
              <Descriptions.Item label={t('校验折旧记录', 'Depreciation entries checked')}>
                {result.depreciation.checkedEntries}
              </Descriptions.Item>
              <Descriptions.Item label={t('用时', 'Took')}>{(result.durationMs / 1000).toFixed(1)} s</Descriptions.Item>
              {(['altered', 'removed', 'reordered'] as const).map((p) => (
                <Descriptions.Item key={p} label={label(LEDGER_PROBLEMS[p], locale)}>
                  {result.counts[p]}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('校验时间', 'Checked at')}>{formatDateTime(result.checkedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {result.depreciation.failures.length > 0 && (
            <Table<DepreciationFailure>
              size="small"
              rowKey={(r) => `${r.month}-${r.cardId ?? r.unitId}-${r.problem}`}
              dataSource={result.depreciation.failures}
              pagination={{ pageSize: 50 }}
              title={() => t('折旧记录', 'Depreciation ledger')}
              columns={[
                { title: t('月份', 'Month'), dataIndex: 'month' },
                {
                  title: t('卡片编号', 'Card no.'),
                  dataIndex: 'cardNo',
                  // A run whose seal fails is named as a whole; the cards whose entries changed are listed beside it.
                  render: (v, r) =>
                    r.cardId ? <Link to={`/cards/${r.cardId}`}>{v ?? r.cardId}</Link> : t('本月计提（整单）', 'The whole run'),
                },
                {
                  title: t('问题', 'Problem'),
                  dataIndex: 'problem',
                  render: (p: DepreciationFailure['problem']) => <Tag color="red">{label(DEPRECIATION_LEDGER_PROBLEMS[p], locale)}</Tag>,
                },
              ]}
            />
          )}
          {result.failures.length > 0 && (
            <Table<Failure>
              size="small"
              rowKey="cardId"
              dataSource={result.failures}
              pagination={{ pageSize: 50 }}
              columns={[
                {
                  title: t('卡片编号', 'Card no.'),
                  dataIndex: 'cardNo',
                  render: (v, r) => <Link to={`/cards/${r.cardId}`}>{v ?? r.cardId}</Link>,
                },
                {
                  title: t('问题', 'Problems'),
                  dataIndex: 'problems',
                  render: (ps: Failure['problems']) =>
                    ps.map((p) => (
                      <Tag color="red" key={p}>
                        {label(LEDGER_PROBLEMS[p], locale)}
                      </Tag>
                    )),
                },
                { title: t('自第几条起', 'From event #'), dataIndex: 'firstBadSeq' },
              ]}
            />
          )}
        </Space>
      )}
    </>
  );
}

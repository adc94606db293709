import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { LEDGER_PROBLEMS, type LedgerVerification } from '../../../shared/assets.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useShowError } from '../../components/useFormErrors.ts';

type Failure = LedgerVerification['failures'][number];

/** The auditor re-checks every card's hash chain and sees which cards were altered, lost events or were reordered. */
export default function LedgerVerifyPage() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<LedgerVerification | null>(null);
  const run = async () => {
    setRunning(true);
    try { setResult(await api.get<LedgerVerification>('/api/audit/verify')); } catch (e) { showError(e); } finally { setRunning(false); }
  };
  return (
    <>
      <PageHeader title={t('资产台账校验', 'Ledger verification')}
        subTitle={t('逐卡重算哈希链：发现被篡改、删除或调换顺序的履历记录', 'Recomputes every card’s hash chain to find altered, removed or reordered events')}
        extra={<Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={run}>{t('开始校验', 'Verify now')}</Button>} />
      {result && (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {result.ok
            ? <Alert type="success" showIcon message={t('全部台账链完整，未发现篡改', 'Every ledger chain is intact')} />
            : <Alert type="error" showIcon message={t(`${result.failedCards} 张卡片的台账链校验失败`, `${result.failedCards} card(s) failed verification`)} />}
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label={t('校验卡片', 'Cards checked')}>{result.checkedCards}</Descriptions.Item>
              <Descriptions.Item label={t('校验事件', 'Events checked')}>{result.checkedEvents}</Descriptions.Item>
              <Descriptions.Item label={t('用时', 'Took')}>{(result.durationMs / 1000).toFixed(1)} s</Descriptions.Item>
              {(['altered', 'removed', 'reordered'] as const).map((p) => (
                <Descriptions.Item key={p} label={label(LEDGER_PROBLEMS[p], locale)}>{result.counts[p]}</Descriptions.Item>
              ))}
              <Descriptions.Item label={t('校验时间', 'Checked at')}>{new Date(result.checkedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Descriptions.Item>
            </Descriptions>
          </Card>
          {!result.ok && (
            <Table<Failure> size="small" rowKey="cardId" dataSource={result.failures} pagination={{ pageSize: 50 }}
              columns={[
                { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', render: (v, r) => <Link to={`/cards/${r.cardId}`}>{v ?? r.cardId}</Link> },
                { title: t('问题', 'Problems'), dataIndex: 'problems', render: (ps: Failure['problems']) => ps.map((p) => <Tag color="red" key={p}>{label(LEDGER_PROBLEMS[p], locale)}</Tag>) },
                { title: t('自第几条起', 'From event #'), dataIndex: 'firstBadSeq' },
              ]} />
          )}
        </Space>
      )}
    </>
  );
}

import { useState } from 'react';
import { App, Button, DatePicker, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { FILING_STATUSES, type FilingSummary } from '../../../shared/reportset.contracts.ts';
import { reviewFiling, useFilings } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

const COLORS = { none: 'default', submitted: 'processing', returned: 'warning', locked: 'success' } as const;

/** 月报审核: the filings of a month; the committee approves (locks, with the seal on the ledger) or returns with a note. */
export default function FilingsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const [month, setMonth] = useState<string | undefined>(businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [returning, setReturning] = useState<FilingSummary | null>(null);
  const [note, setNote] = useState('');
  const list = useFilings(month);
  const review = async (f: FilingSummary, approve: boolean, text?: string) => {
    try {
      await reviewFiling(f.id, { approve, ...(text ? { note: text } : {}) });
      message.success(approve ? t('已审核并锁定', 'Approved and locked') : t('已退回', 'Returned'));
      setReturning(null);
      setNote('');
      void list.refetch();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <div>
      <PageHeader title={t('月报报送与审核', 'Monthly report filings')} />
      <Space style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
        />
      </Space>
      <Table<FilingSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          {
            title: t('月份', 'Month'),
            dataIndex: 'month',
            render: (m: string, f) => <Link to={`/reports/monthly?month=${m}&unitId=${f.unitId}`}>{m}</Link>,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: FilingSummary['status']) => <Tag color={COLORS[s]}>{FILING_STATUSES[s][locale.startsWith('en') ? 1 : 0]}</Tag>,
          },
          { title: t('报送人', 'Submitted by'), dataIndex: 'submittedBy' },
          { title: t('报送时间', 'Submitted at'), dataIndex: 'submittedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('审核人', 'Reviewed by'), dataIndex: 'reviewedBy' },
          { title: t('审核意见', 'Note'), dataIndex: 'reviewNote' },
          {
            title: t('存档哈希', 'Seal'),
            dataIndex: 'hash',
            render: (h: string | null) => h && <Typography.Text code>{h.slice(0, 16)}…</Typography.Text>,
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_: unknown, f) => (
              <Space>
                {f.status === 'locked' && <a href={`/api/reports/filings/${f.id}/file`}>{t('存档 Excel', 'Stored Excel')}</a>}
                {f.status === 'submitted' && can('report.review') && (
                  <>
                    <Popconfirm
                      title={t(
                        '审核通过并锁定？锁定后该月报永久存档，不能修改，该月也不能反结账。',
                        'Approve and lock? The report is stored for good.',
                      )}
                      onConfirm={() => void review(f, true)}
                    >
                      <Button size="small" type="primary">
                        {t('通过并锁定', 'Approve and lock')}
                      </Button>
                    </Popconfirm>
                    <Button size="small" onClick={() => setReturning(f)}>
                      {t('退回', 'Return')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!returning}
        title={t('退回月报', 'Return the report')}
        onCancel={() => setReturning(null)}
        onOk={() => returning && void review(returning, false, note)}
        okButtonProps={{ disabled: !note.trim() }}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('退回原因', 'Reason')}
          maxLength={500}
        />
      </Modal>
    </div>
  );
}

import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorText } from '../../components/useFormErrors.ts';
import type { BooksView } from '../../../shared/finance.contracts.ts';
import { askReopen, closeBooks, decideReopen, financeKeys, setTakeover, useBooks } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

/**
 * 账套与结账: per unit, the takeover month (期初建账), the last closed month and the first open one;
 * close a month for one unit or all, ask to re-open (反结账) and, for the committee, decide.
 */
export default function BooksPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const qc = useQueryClient();
  const books = useBooks();
  const [closeMonth, setCloseMonth] = useState(businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [dialog, setDialog] = useState<{ kind: 'takeover' | 'reopen'; unit: BooksView } | null>(null);
  const [skipped, setSkipped] = useState<{ unitName: string; why: string }[]>([]);
  const refresh = () => qc.invalidateQueries({ queryKey: financeKeys.books });
  const names = new Map((books.data?.items ?? []).map((b) => [b.unitId, b.unitName]));

  const close = async (unitId?: string, month = closeMonth) => {
    try {
      const res = await closeBooks({ month, unitId });
      const done = res.units.filter((u) => u.closed).length;
      setSkipped(res.units.filter((u) => !u.closed).map((u) => ({ unitName: names.get(u.unitId) ?? u.unitId, why: u.skipped ?? '' })));
      message.success(t(`${month} 已结账：${done} 个单位`, `${month} closed for ${done} units`));
    } catch (err) {
      message.error(errorText(err));
    }
    await refresh();
  };
  const decide = async (id: string, approve: boolean) => {
    try {
      await decideReopen(id, approve);
      message.success(approve ? t('已批准反结账', 'Re-opening approved') : t('已驳回', 'Rejected'));
    } catch (err) {
      message.error(errorText(err));
    }
    await refresh();
  };

  return (
    <div>
      <PageHeader
        title={t('账套与结账', 'Books and closing')}
        subTitle={t(
          '期初建账后从下月起计提；结账后该月不可再变动，迟到的业务记入第一个未结账月份',
          'Books open the month after the takeover; a closed month never changes, late entries go to the first open month',
        )}
      />
      {session.can('depreciation.close') && (
        <Space style={{ marginBottom: 12 }} wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${closeMonth}-01`)}
            onChange={(d) => d && setCloseMonth(d.format('YYYY-MM'))}
            disabledDate={(d) => !d.isBefore(businessDay(), 'month')}
          />
          <ConfirmButton
            type="primary"
            icon={<LockOutlined />}
            data-testid="close-all"
            confirm={t(`确定对范围内全部单位结账 ${closeMonth}？`, `Close ${closeMonth} for every unit in scope?`)}
            description={t(
              '结账后该月的折旧、报表不再变动；需反结账须经资产管理处审批',
              "A closed month never changes; re-opening needs the committee's approval",
            )}
            onConfirm={() => close()}
          >
            {t('结账（全部单位）', 'Close for all units')}
          </ConfirmButton>
        </Space>
      )}
      {skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setSkipped([])}
          style={{ marginBottom: 12 }}
          message={t(`${skipped.length} 个单位未结账`, `${skipped.length} units not closed`)}
          description={
            <ul style={{ margin: 0 }}>
              {skipped.map((s) => (
                <li key={s.unitName}>
                  {s.unitName}：{s.why}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Table<BooksView>
        rowKey="unitId"
        size="small"
        loading={books.isLoading}
        dataSource={books.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          {
            title: t('期初建账月份', 'Takeover month'),
            dataIndex: 'takeoverMonth',
            render: (m: string | null, b) =>
              m ? <Link to={`/finance/books/takeover/${b.unitId}`}>{m}</Link> : <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('已结账至', 'Closed through'),
            dataIndex: 'closedThrough',
            render: (m: string | null) =>
              m ? (
                <Tag icon={<LockOutlined />} color="blue">
                  {m}
                </Tag>
              ) : (
                '—'
              ),
          },
          { title: t('当前未结账月份', 'First open month'), dataIndex: 'firstOpenMonth', render: (m: string | null) => m ?? '—' },
          {
            title: t('反结账申请', 'Re-opening'),
            render: (_, b) =>
              b.pendingReopen ? (
                <Space direction="vertical" size={0}>
                  <span>
                    {b.pendingReopen.month}：{b.pendingReopen.reason}
                  </span>
                  {session.can('period.reopen.decide') && (
                    <Space>
                      <ConfirmButton
                        size="small"
                        type="primary"
                        confirm={t(`批准反结账 ${b.pendingReopen.month}？`, `Re-open ${b.pendingReopen.month}?`)}
                        onConfirm={() => decide(b.pendingReopen!.id, true)}
                      >
                        {t('批准', 'Approve')}
                      </ConfirmButton>
                      <ConfirmButton
                        size="small"
                        danger
                        confirm={t('驳回该申请？', 'Reject?')}
                        onConfirm={() => decide(b.pendingReopen!.id, false)}
                      >
                        {t('驳回', 'Reject')}
                      </ConfirmButton>
                    </Space>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, b) => (
              <Space wrap>
                {session.can('depreciation.close') && b.firstOpenMonth && (
                  <ConfirmButton
                    size="small"
                    icon={<LockOutlined />}
                    confirm={t(`确定结账 ${b.unitName} ${b.firstOpenMonth}？`, `Close ${b.firstOpenMonth}?`)}
                    onConfirm={() => close(b.unitId, b.firstOpenMonth!)}
                  >
                    {t(`结账 ${b.firstOpenMonth}`, `Close ${b.firstOpenMonth}`)}
                  </ConfirmButton>
                )}
                {session.can('depreciation.close') && b.closedThrough && !b.pendingReopen && (
                  <Button size="small" icon={<UnlockOutlined />} onClick={() => setDialog({ kind: 'reopen', unit: b })}>
                    {t('申请反结账', 'Ask to re-open')}
                  </Button>
                )}
                {session.can('books.takeover') && !b.closedThrough && (
                  <Button size="small" onClick={() => setDialog({ kind: 'takeover', unit: b })} data-testid={`takeover-${b.unitId}`}>
                    {t('期初建账', 'Take over')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <BooksDialog
          kind={dialog.kind}
          unit={dialog.unit}
          onClose={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
    </div>
  );
}

/** 期初建账 (the takeover month) or 反结账 (a reason): one small form, the server's message kept on screen. */
function BooksDialog({ kind, unit, onClose }: { kind: 'takeover' | 'reopen'; unit: BooksView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(kind === 'reopen' ? unit.closedThrough! : businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      if (kind === 'takeover') await setTakeover({ unitId: unit.unitId, month });
      else await askReopen({ unitId: unit.unitId, month, reason });
      message.success(
        kind === 'takeover'
          ? t(`期初建账月份：${month}`, `Takeover month: ${month}`)
          : t('已提交反结账申请，待资产管理处审批', 'Sent to the committee for approval'),
      );
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal
      open
      title={
        kind === 'takeover'
          ? t(`期初建账：${unit.unitName}`, `Take over: ${unit.unitName}`)
          : t(`申请反结账：${unit.unitName}`, `Ask to re-open: ${unit.unitName}`)
      }
      onOk={submit}
      onCancel={onClose}
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: kind === 'reopen' && reason.trim().length < 2 }}
    >
      <Form layout="vertical" component="div">
        {kind === 'takeover' ? (
          <Form.Item
            label={t('接管月份（旧系统最后结账的月份）', "Takeover month (the old system's last closed month)")}
            extra={t(
              '卡片按该月末的原值、累计折旧和已提折旧月数导入；本系统从下月起计提',
              'Cards come in with value, accumulated depreciation and months as of its end; runs start the month after',
            )}
          >
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              disabledDate={(d) => !d.isBefore(businessDay(), 'month')}
            />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph>
              {t(`反结账月份：${month}（只能反结账最后一个已结账月份）`, `Month to re-open: ${month} (only the last closed month)`)}
            </Typography.Paragraph>
            <Form.Item label={t('理由', 'Reason')} required>
              <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

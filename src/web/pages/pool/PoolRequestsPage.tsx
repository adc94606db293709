import { useState } from 'react';
import { App, Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { REQUEST_KINDS, REQUEST_STATUSES, type PoolRequest } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { decideRequest, expireListings, returnLoan, withdrawRequest } from './api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { codeLabel, optionsOf } from './poolLabels.ts';

const URL = '/api/pool/requests';
const COLOR: Record<string, string> = { pending: 'orange', approved: 'green', rejected: 'red', withdrawn: 'default', returned: 'blue' };

/** 调剂申请: a unit's own requests; the committee sees all and decides between competing ones. */
export default function PoolRequestsPage() {
  const { t, locale } = useI18n();
  const { can, me } = useSession();
  const invalidate = useInvalidateList();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>(can('pool.decide') ? 'pending' : undefined);
  const [kind, setKind] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const [comment, setComment] = useState('');
  const refresh = async () => {
    await invalidate(URL);
    await invalidate('/api/pool/listings');
  };
  const decide = (r: PoolRequest, approve: boolean) => async () => {
    await decideRequest(r.id, { approve, comment: comment || undefined });
    setComment('');
    await refresh();
  };

  const columns: TableColumnsType<PoolRequest> = [
    {
      title: t('申请时间', 'Requested'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('申请单位', 'Requesting unit'), dataIndex: 'unitName', width: 140 },
    {
      title: t('方式', 'Kind'),
      dataIndex: 'kind',
      width: 150,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          {codeLabel(REQUEST_KINDS, v, locale)}
          {r.dueOn && <Typography.Text type="secondary">{t(`应还 ${r.dueOn}`, `Due ${r.dueOn}`)}</Typography.Text>}
          {r.returnedOn && <Typography.Text type="secondary">{t(`已还 ${r.returnedOn}`, `Returned ${r.returnedOn}`)}</Typography.Text>}
          {r.overdue && (
            <Tag color="red" data-testid={`overdue-${r.cardNo}`}>
              {t('逾期未还', 'Overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('资产', 'Asset'), key: 'card', render: (_, r) => `${r.cardNo} ${r.name}` },
    { title: t('入仓单位', 'Offered by'), dataIndex: 'fromUnitName', width: 140 },
    { title: t('净值', 'Net value'), dataIndex: 'netValueFen', width: 110, align: 'right', render: (v) => <Money fen={v} /> },
    { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      width: 200,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={COLOR[v]} data-testid={`request-status-${r.cardNo}`}>
            {codeLabel(REQUEST_STATUSES, v, locale)}
          </Tag>
          {r.comment && <Typography.Text type="secondary">{r.comment}</Typography.Text>}
          {r.transferDocumentId && <Link to={`/documents/${r.transferDocumentId}`}>{r.transferDocNo}</Link>}
          {r.status === 'pending' && r.competing > 0 && (
            <Tag color="volcano">{t(`另有 ${r.competing} 个单位申请`, `${r.competing} competing`)}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 190,
      render: (_, r) =>
        r.status === 'approved' && r.kind === 'loan' && can('pool.request') && (r.unitId === me.unitId || !me.unitId) ? (
          <ConfirmButton
            size="small"
            type="link"
            data-testid={`return-${r.cardNo}`}
            confirm={t('确认已归还该资产？', 'Confirm the item is returned?')}
            description={t('出借单记录归还，资产回到入仓单位并重新在仓。', 'The lending records the return; the item is back in the pool.')}
            successMessage={t('已归还', 'Returned')}
            onConfirm={async () => {
              await returnLoan(r.id);
              await refresh();
            }}
          >
            {t('归还', 'Return')}
          </ConfirmButton>
        ) : (
          r.status === 'pending' && (
            <Space size={0}>
              {can('pool.decide') && (
                <>
                  <ConfirmButton
                    size="small"
                    type="link"
                    data-testid={`approve-${r.cardNo}`}
                    confirm={
                      r.kind === 'loan'
                        ? t(`批准借给${r.unitName}（至 ${r.dueOn}）？`, `Lend it to ${r.unitName} until ${r.dueOn}?`)
                        : t(`批准调剂给${r.unitName}？`, `Give it to ${r.unitName}?`)
                    }
                    description={
                      <Space direction="vertical">
                        {r.kind === 'loan'
                          ? t(
                              '将办理出借：产权不变，资产状态为出借，到期未还将显示逾期。其他申请自动驳回。',
                              'A lending is executed: ownership stays; overdue is flagged after the due date. Other requests are rejected.',
                            )
                          : t(
                              '将办理跨单位调拨：资产连同原值和累计折旧转入申请单位，其他申请自动驳回。此操作不可撤销。',
                              'A cross-unit transfer is executed: the card moves with its value and depreciation; other requests are rejected. This cannot be undone.',
                            )}
                        <Input
                          placeholder={t('审批意见（可选）', 'Comment (optional)')}
                          value={comment}
                          onChange={(e) => setComment(e.target.value)}
                        />
                      </Space>
                    }
                    successMessage={t('已批准，调拨已执行', 'Approved; the transfer is executed')}
                    onConfirm={decide(r, true)}
                  >
                    {t('批准', 'Approve')}
                  </ConfirmButton>
                  <ConfirmButton
                    size="small"
                    type="link"
                    danger
                    confirm={t('驳回该申请？', 'Reject this request?')}
                    description={
                      <Input placeholder={t('驳回理由', 'Reason')} value={comment} onChange={(e) => setComment(e.target.value)} />
                    }
                    successMessage={t('已驳回', 'Rejected')}
                    onConfirm={decide(r, false)}
                  >
                    {t('驳回', 'Reject')}
                  </ConfirmButton>
                </>
              )}
              {can('pool.request') && (r.unitId === me.unitId || !me.unitId) && (
                <ConfirmButton
                  size="small"
                  type="link"
                  confirm={t('撤回该申请？', 'Withdraw this request?')}
                  successMessage={t('已撤回', 'Withdrawn')}
                  onConfirm={async () => {
                    await withdrawRequest(r.id);
                    await refresh();
                  }}
                >
                  {t('撤回', 'Withdraw')}
                </ConfirmButton>
              )}
            </Space>
          )
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('调剂申请', 'Pool requests')}
        extra={
          can('pool.decide') && (
            <ConfirmButton
              confirm={t('执行在仓时限检查？', 'Apply the time limits now?')}
              description={t(
                '超过在仓时限且无人申请的资产将转为拟处置（每日任务也会执行）。',
                'Listings past their limit with nobody asking are proposed for disposal (the daily job does this too).',
              )}
              onConfirm={async () => {
                const r = await expireListings();
                message.info(t(`${r.proposed} 项转为拟处置`, `${r.proposed} proposed for disposal`));
                await refresh();
              }}
            >
              {t('在仓时限检查', 'Apply time limits')}
            </ConfirmButton>
          )
        }
      />
      <ServerTable<PoolRequest>
        url={URL}
        columns={columns}
        filters={{ status, kind, overdue: overdue ? 'true' : undefined }}
        search={t('资产、用途或单位', 'Asset, purpose or unit')}
        tableProps={{ scroll: { x: 1200 } }}
        toolbar={
          <>
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 160 }}
              value={status}
              onChange={setStatus}
              options={optionsOf(REQUEST_STATUSES, locale)}
            />
            <Select
              allowClear
              placeholder={t('方式', 'Kind')}
              style={{ width: 160 }}
              value={kind}
              onChange={setKind}
              options={optionsOf(REQUEST_KINDS, locale)}
            />
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="overdue-only">
              {t('仅逾期未还', 'Overdue only')}
            </Checkbox>
          </>
        }
      />
    </>
  );
}

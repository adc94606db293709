import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { Delegation } from '../../../shared/approval.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorText } from '../../components/useFormErrors.ts';
import { createDelegation, revokeDelegation, useDelegationCandidates, useDelegations } from './api.ts';

const STATES: Record<Delegation['state'], [string, string, string]> = {
  active: ['生效中', 'Active', 'green'],
  upcoming: ['未开始', 'Upcoming', 'blue'],
  ended: ['已结束', 'Ended', 'default'],
  revoked: ['已撤销', 'Revoked', 'default'],
};

/** 审批委托: while away (from–to, both days included), a colleague approves for me, marked "代 我". */
export default function DelegationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ delegateId: string; range: [Dayjs, Dayjs]; reason?: string }>();
  const list = useDelegations();
  const candidates = useDelegationCandidates(open);
  const create = async () => {
    const v = await form.validateFields();
    try {
      await createDelegation({
        delegateId: v.delegateId,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1].format('YYYY-MM-DD'),
        reason: v.reason || undefined,
      });
      message.success(t('已设置委托', 'Delegation set'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['delegations'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <PageHeader
        title={t('审批委托', 'Approval delegations')}
        subTitle={t('外出期间由同事代为审批，起止日期当天均含', 'A colleague approves for you while away; both days included')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-delegation">
            {t('设置委托', 'Set a delegation')}
          </Button>
        }
      />
      <Table<Delegation>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('委托人', 'Delegator'), dataIndex: 'delegatorName' },
          { title: t('受托人', 'Delegate'), dataIndex: 'delegateName' },
          { title: t('开始', 'From'), dataIndex: 'startsOn' },
          { title: t('结束', 'To'), dataIndex: 'endsOn' },
          { title: t('事由', 'Reason'), dataIndex: 'reason' },
          { title: t('设置人', 'Set by'), dataIndex: 'createdByName' },
          {
            title: t('状态', 'State'),
            dataIndex: 'state',
            render: (s: Delegation['state']) => <Tag color={STATES[s][2]}>{t(STATES[s][0], STATES[s][1])}</Tag>,
          },
          {
            title: '',
            render: (_, r) =>
              (r.state === 'active' || r.state === 'upcoming') && (
                <ConfirmButton
                  size="small"
                  confirm={t('撤销该委托？', 'Revoke this delegation?')}
                  onConfirm={async () => {
                    await revokeDelegation(r.id);
                    await qc.invalidateQueries({ queryKey: ['delegations'] });
                  }}
                >
                  {t('撤销', 'Revoke')}
                </ConfirmButton>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('设置委托', 'Set a delegation')} onCancel={() => setOpen(false)} onOk={create}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="delegateId"
            label={t('受托人', 'Delegate')}
            rules={[{ required: true, message: t('请选择受托人', 'Choose a delegate') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={candidates.isLoading}
              options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('起止日期（含当天）', 'From – to (inclusive)')}
            rules={[{ required: true, message: t('请选择日期', 'Choose the dates') }]}
          >
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="reason" label={t('事由', 'Reason')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

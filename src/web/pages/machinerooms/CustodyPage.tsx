import { useState } from 'react';
import { Button, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CUSTODY_STATUSES, type CustodyView } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { CardPicker } from './CardPicker.tsx';
import { CUSTODY_URL as URL, decideCustody, endCustody, submitCustody, useCustody } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';

const COLOR: Record<string, string> = { submitted: 'orange', in_force: 'green', rejected: 'red', ended: 'default' };

/** 委托管理协议: a unit submits its register of cards; the committee signs; while in force the committee manages them. */
export default function CustodyPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const invalidate = useInvalidateList();
  const [status, setStatus] = useState<string | undefined>();
  const [shown, setShown] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [form] = Form.useForm<Body<'/api/custody', 'post'>>();
  const detail = useCustody(shown);
  const refresh = async () => {
    await invalidate(URL);
    await detail.refetch();
  };
  const { saving, submit } = useFormSubmit(
    form,
    (v) => submitCustody(v),
    () => {
      setOpen(false);
      form.resetFields();
      void invalidate(URL);
    },
  );
  const columns: TableColumnsType<CustodyView> = [
    {
      title: t('协议号', 'No.'),
      dataIndex: 'agreementNo',
      key: 'agreementNo',
      sorter: true,
      width: 140,
      render: (v, r) => <a onClick={() => setShown(r.id)}>{v}</a>,
    },
    { title: t('产权单位', 'Owner unit'), dataIndex: 'unitName', width: 180 },
    { title: t('名称', 'Title'), dataIndex: 'title' },
    { title: t('起始', 'From'), dataIndex: 'startsOn', key: 'startsOn', sorter: true, width: 110 },
    { title: t('终止', 'To'), dataIndex: 'endsOn', width: 110 },
    { title: t('资产数', 'Items'), dataIndex: 'items', align: 'right', width: 80 },
    { title: t('原值合计', 'Original value'), dataIndex: 'originalValueFen', align: 'right', width: 130, render: (v) => <Money fen={v} /> },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      width: 140,
      render: (v: string) => <Tag color={COLOR[v]}>{labelOf(CUSTODY_STATUSES, v, locale)}</Tag>,
    },
  ];
  const d = detail.data;
  return (
    <>
      <PageHeader
        title={t('委托管理协议', 'Custody agreements')}
        extra={
          can('custody.write') && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('提交委托登记册', 'Submit a register')}
            </Button>
          )
        }
      />
      <ServerTable<CustodyView>
        url={URL}
        columns={columns}
        filters={{ status }}
        search={t('协议号或名称', 'Number or title')}
        toolbar={
          <Select
            allowClear
            placeholder={t('状态', 'Status')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={optionsOf(CUSTODY_STATUSES, locale)}
          />
        }
      />
      <Drawer open={!!shown} width={900} onClose={() => setShown(null)} title={d ? `${d.agreementNo} ${d.title}` : ''}>
        {d && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <Tag color={COLOR[d.status]}>{labelOf(CUSTODY_STATUSES, d.status, locale)}</Tag>
              {d.status === 'submitted' && can('custody.decide') && (
                <>
                  <ConfirmButton
                    type="primary"
                    confirm={t('签收该委托协议？', 'Sign this agreement?')}
                    description={t(
                      '登记册所列资产将交管委会管理（产权单位不变），每项记入资产台账。',
                      "The listed cards pass to the committee's management (owner unchanged), each on its ledger.",
                    )}
                    onConfirm={async () => {
                      await decideCustody(d.id, { approve: true, note: note || undefined });
                      await refresh();
                    }}
                  >
                    {t('签收', 'Sign')}
                  </ConfirmButton>
                  <ConfirmButton
                    danger
                    confirm={t('退回该委托协议？', 'Return this agreement?')}
                    description={<Input placeholder={t('退回理由', 'Reason')} value={note} onChange={(e) => setNote(e.target.value)} />}
                    onConfirm={async () => {
                      await decideCustody(d.id, { approve: false, note: note || undefined });
                      await refresh();
                    }}
                  >
                    {t('退回', 'Return')}
                  </ConfirmButton>
                </>
              )}
              {d.status === 'in_force' && can('custody.write') && (
                <ConfirmButton
                  danger
                  confirm={t('终止委托，资产交回产权单位管理？', 'End the custody and hand the cards back?')}
                  onConfirm={async () => {
                    await endCustody(d.id);
                    await refresh();
                  }}
                >
                  {t('终止委托', 'End custody')}
                </ConfirmButton>
              )}
            </Space>
            <Table
              rowKey="cardId"
              size="small"
              pagination={false}
              dataSource={d.register}
              columns={[
                { title: t('序号', '#'), dataIndex: 'line', width: 60 },
                { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', width: 150 },
                { title: t('名称', 'Name'), dataIndex: 'name' },
                { title: t('规格型号', 'Spec'), dataIndex: 'spec' },
                { title: t('原值', 'Value'), dataIndex: 'originalValueFen', align: 'right', render: (v) => <Money fen={v} /> },
                { title: t('产权单位', 'Owner'), dataIndex: 'ownerUnitName' },
                { title: t('管理单位', 'Manager'), dataIndex: 'managingUnitName' },
                { title: t('位置', 'Location'), dataIndex: 'location' },
              ]}
            />
          </>
        )}
      </Drawer>
      <Modal
        open={open}
        width={640}
        title={t('提交委托登记册', 'Submit a custody register')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="title" label={t('协议名称', 'Title')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space>
            <Form.Item name="startsOn" label={t('起始日（YYYY-MM-DD）', 'From (YYYY-MM-DD)')} rules={[{ required: true }]}>
              <Input maxLength={10} />
            </Form.Item>
            <Form.Item name="endsOn" label={t('终止日（可选）', 'To (optional)')}>
              <Input maxLength={10} />
            </Form.Item>
          </Space>
          <Form.Item name="cardIds" label={t('委托的资产（逐项登记）', 'Cards (item by item)')} rules={[{ required: true }]}>
            <CardPicker multiple />
          </Form.Item>
          <Form.Item name="note" label={t('备注', 'Note')}>
            <Input.TextArea maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

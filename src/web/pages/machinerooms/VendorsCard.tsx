import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { VendorView } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { linkVendorAccount, omKeys, saveVendor, unlinkVendorAccount, useVendors } from './api.ts';

type VendorBody = Body<'/api/om/vendors', 'post'>;

/**
 * 运维服务商: the vendors from the tender (name, unified social credit code, contact) and the sign-in
 * accounts of their staff. An account holds the vendor role (the system administrator creates it);
 * the committee binds it to its vendor here, or unbinds it (after asking).
 */
export function VendorsCard() {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('machineroom.manage');
  const qc = useQueryClient();
  const vendors = useVendors();
  const [editing, setEditing] = useState<VendorView | 'new' | null>(null);
  const [binding, setBinding] = useState<VendorView | null>(null);
  const [form] = Form.useForm<VendorBody>();
  const [accountForm] = Form.useForm<{ username: string }>();
  const refresh = () => qc.invalidateQueries({ queryKey: omKeys.vendors });
  const vendor = useFormSubmit(
    form,
    (v) => saveVendor(editing === 'new' || !editing ? null : editing.id, v),
    () => {
      setEditing(null);
      void refresh();
    },
  );
  const account = useFormSubmit(
    accountForm,
    (v) => linkVendorAccount(binding!.id, v.username),
    () => {
      setBinding(null);
      void refresh();
    },
  );

  return (
    <Card
      size="small"
      title={t('运维服务商', 'Vendors')}
      extra={
        manage && (
          <Button onClick={() => setEditing('new')} data-testid="vendor-new">
            {t('登记服务商', 'Add a vendor')}
          </Button>
        )
      }
    >
      <Table<VendorView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={vendors.isFetching}
        dataSource={vendors.data?.items}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
          { title: t('联系人', 'Contact'), dataIndex: 'contact' },
          { title: t('电话', 'Phone'), dataIndex: 'phone' },
          {
            title: t('人员登录账号', 'Staff accounts'),
            dataIndex: 'accounts',
            render: (accounts: string[], v) => (
              <Space wrap size={4}>
                {accounts.map((a) =>
                  manage ? (
                    <Space key={a} size={0}>
                      <Tag>{a}</Tag>
                      <ConfirmButton
                        size="small"
                        type="link"
                        danger
                        confirm={t(`解除账号 ${a} 与 ${v.name} 的绑定？`, `Unbind ${a} from ${v.name}?`)}
                        description={t(
                          '解除后该账号看不到本服务商的任何合同、机房和工单。',
                          'The account then sees none of its contracts, rooms or work orders.',
                        )}
                        onConfirm={async () => {
                          await unlinkVendorAccount(v.id, a);
                          await refresh();
                        }}
                        successMessage={t('已解除绑定', 'Unbound')}
                      >
                        {t('解除', 'Unbind')}
                      </ConfirmButton>
                    </Space>
                  ) : (
                    <Tag key={a}>{a}</Tag>
                  ),
                )}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, v: VendorView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(v)}>
                        {t('修改', 'Edit')}
                      </Button>
                      <Button type="link" size="small" onClick={() => setBinding(v)}>
                        {t('绑定账号', 'Bind an account')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('登记服务商', 'Add a vendor') : t('修改服务商', 'Edit the vendor')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={vendor.saving}
        destroyOnHidden
      >
        <Form<VendorBody>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={vendor.submit}
          initialValues={editing && editing !== 'new' ? editing : {}}
        >
          <Form.Item
            name="name"
            label={t('名称（中标单位）', 'Name (the tender winner)')}
            rules={[{ required: true, message: '请填写服务商名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('统一社会信用代码', 'Unified social credit code')}
            rules={[{ pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: '统一社会信用代码应为 18 位数字或大写字母' }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="contact" label={t('联系人', 'Contact')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('电话', 'Phone')}
            rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: '电话只能包含数字、空格和 + - ( )' }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!binding}
        title={t(`为 ${binding?.name ?? ''} 绑定登录账号`, `Bind an account to ${binding?.name ?? ''}`)}
        onCancel={() => setBinding(null)}
        onOk={() => accountForm.submit()}
        confirmLoading={account.saving}
        destroyOnHidden
      >
        <p>
          {t(
            '账号须已由系统管理员创建并授予“运维服务商”角色。',
            'The system administrator creates the account with the vendor role first.',
          )}
        </p>
        <Form form={accountForm} layout="vertical" preserve={false} onFinish={account.submit}>
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, message: '请填写用户名' }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

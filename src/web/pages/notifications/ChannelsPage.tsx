import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import {
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  NOTIFY_EVENTS,
  type Channel,
  type ChannelInput,
  type ChannelKind,
  type Delivery,
} from '../../../shared/notifications.contracts.ts';
import { deleteChannel, listChannels, listFailedDeliveries, retryDelivery, saveChannel } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';

/** The administrator's channels (mail server, 企业微信 / 钉钉 robots, signed webhook) and the deliveries that failed. */
export default function ChannelsPage() {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [channels, setChannels] = useState<Channel[]>([]);
  const [failed, setFailed] = useState<Delivery[]>([]);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [form] = Form.useForm<ChannelInput>();
  const kind = Form.useWatch('kind', form) as ChannelKind | undefined;
  const l = (pair: readonly [string, string]) => (locale === 'en' ? pair[1] : pair[0]);

  const load = () => {
    listChannels().then((r) => setChannels(r.items), showError);
    listFailedDeliveries().then((r) => setFailed(r.items), showError);
  };
  useEffect(load, []);

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing) await saveChannel(editing === 'new' ? null : editing.id, v);
      setEditing(null);
      load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('通知通道', 'Notification channels')}
        subTitle={t('群机器人只收到标题和链接，不含金额和个人信息', 'Robots receive a title and a link only')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ kind: 'smtp', enabled: true, events: [], unitId: null, config: {} });
              setEditing('new');
            }}
          >
            {t('新增通道', 'Add channel')}
          </Button>
        }
      />
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Card size="small">
          <Table<Channel>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={channels}
            columns={[
              { title: t('名称', 'Name'), dataIndex: 'name' },
              { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: ChannelKind) => l(CHANNEL_KINDS[k]) },
              {
                title: t('启用', 'On'),
                dataIndex: 'enabled',
                render: (on: boolean) => (on ? <Tag color="green">{t('启用', 'On')}</Tag> : <Tag>{t('停用', 'Off')}</Tag>),
              },
              {
                title: t('事件', 'Events'),
                dataIndex: 'events',
                render: (ev: string[]) =>
                  ev.length ? ev.map((e) => l(NOTIFY_EVENTS[e as keyof typeof NOTIFY_EVENTS])).join('、') : t('全部', 'All'),
              },
              {
                title: '',
                key: 'actions',
                render: (_: unknown, c) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() => {
                        form.resetFields();
                        form.setFieldsValue(c);
                        setEditing(c);
                      }}
                    >
                      {t('修改', 'Edit')}
                    </Button>
                    <ConfirmButton
                      size="small"
                      danger
                      confirm={t(`删除通道「${c.name}」？`, `Delete channel "${c.name}"?`)}
                      onConfirm={() => deleteChannel(c.id).then(load)}
                    >
                      {t('删除', 'Delete')}
                    </ConfirmButton>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('发送失败的消息', 'Failed deliveries')}>
          <Table<Delivery>
            rowKey="id"
            size="small"
            dataSource={failed}
            columns={[
              { title: t('时间', 'Time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              { title: t('通道', 'Channel'), dataIndex: 'channelName' },
              { title: t('收件人', 'Recipient'), dataIndex: 'recipient' },
              { title: t('标题', 'Title'), dataIndex: 'title' },
              { title: t('状态', 'Status'), dataIndex: 'status', render: (s: keyof typeof DELIVERY_STATUSES) => l(DELIVERY_STATUSES[s]) },
              { title: t('次数', 'Attempts'), dataIndex: 'attempts' },
              { title: t('错误', 'Error'), dataIndex: 'lastError', ellipsis: true },
              {
                title: '',
                key: 'retry',
                render: (_: unknown, d) => (
                  <Button size="small" onClick={() => retryDelivery(d.id).then(load, showError)}>
                    {t('重新发送', 'Send again')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      <Modal open={editing !== null} title={t('通知通道', 'Channel')} onCancel={() => setEditing(null)} onOk={save} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={Object.entries(CHANNEL_KINDS).map(([k, v]) => ({ value: k, label: l(v) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Name required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="enabled" label={t('启用', 'Enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {kind === 'smtp' ? (
            <>
              <Form.Item name={['config', 'host']} label={t('邮件服务器', 'SMTP host')}>
                <Input placeholder="smtp.gov.cn" />
              </Form.Item>
              <Form.Item name={['config', 'port']} label={t('端口', 'Port')}>
                <InputNumber min={1} max={65535} placeholder="465" />
              </Form.Item>
              <Form.Item
                name={['config', 'secure']}
                label={t('SSL/TLS 加密连接（465 端口）', 'TLS from the start (port 465)')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
              <Form.Item name={['config', 'user']} label={t('账号', 'User')}>
                <Input />
              </Form.Item>
              <Form.Item name={['config', 'password']} label={t('密码（留空则不变）', 'Password (empty: unchanged)')}>
                <Input.Password />
              </Form.Item>
              <Form.Item name={['config', 'from']} label={t('发件人', 'From')}>
                <Input />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name={['config', 'url']} label={t('Webhook 地址', 'Webhook URL')}>
                <Input />
              </Form.Item>
              {kind !== 'wecom' && (
                <Form.Item name={['config', 'secret']} label={t('签名密钥（留空则不变）', 'Signing secret (empty: unchanged)')}>
                  <Input.Password />
                </Form.Item>
              )}
              <Form.Item name="events" label={t('推送的事件（不选为全部）', 'Events (none: all)')}>
                <Select mode="multiple" options={Object.entries(NOTIFY_EVENTS).map(([k, v]) => ({ value: k, label: l(v) }))} />
              </Form.Item>
              <Form.Item name="unitId" label={t('只推送该单位的事项（不选为全部单位）', 'Only this unit (none: all units)')}>
                <UnitSelect />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

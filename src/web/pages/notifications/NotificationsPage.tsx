import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, List, Space, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { NOTIFY_EVENTS, type NotificationList, type NotificationPrefs, type NotifyEvent } from '../../../shared/notifications.contracts.ts';
import { getPreferences, listNotifications, markAllRead, markRead, savePreferences } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useShowError } from '../../components/useFormErrors.ts';

/** My notifications, newest first, and my choices: mail for which events, or one digest a day. */
export default function NotificationsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [list, setList] = useState<NotificationList>({ items: [], unread: 0 });
  const [form] = Form.useForm<NotificationPrefs & { digest: boolean }>();
  const [saving, setSaving] = useState(false);
  const digest = Form.useWatch('digest', form);

  const load = () => listNotifications(100).then(setList, showError);
  useEffect(() => {
    void load();
    getPreferences().then((p) => form.setFieldsValue({ ...p, digest: p.digestHour !== null, digestHour: p.digestHour ?? 8 }), showError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await savePreferences({
        email: v.email || null,
        mailEvents: v.mailEvents ?? [],
        digestHour: v.digest ? v.digestHour : null,
      });
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('我的通知', 'My notifications')}
        subTitle={t(`${list.unread} 条未读`, `${list.unread} unread`)}
        extra={
          <Button disabled={!list.unread} onClick={() => markAllRead().then(load, showError)}>
            {t('全部标为已读', 'Mark all read')}
          </Button>
        }
      />
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Card size="small">
          <List
            dataSource={list.items}
            locale={{ emptyText: t('暂无通知', 'No notifications') }}
            renderItem={(n) => (
              <List.Item
                style={{ cursor: n.link ? 'pointer' : undefined }}
                onClick={async () => {
                  if (!n.readAt) await markRead(n.id).catch(() => {});
                  if (n.link) navigate(n.link);
                }}
              >
                <List.Item.Meta
                  title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                  description={`${formatDateTime(n.createdAt)} · ${NOTIFY_EVENTS[n.event as NotifyEvent]?.[locale === 'en' ? 1 : 0] ?? n.event}`}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={t('通知设置', 'Notification settings')}>
          <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item
              name="email"
              label={t('邮箱（政务邮箱）', 'Email address')}
              rules={[{ type: 'email', message: t('邮箱格式不对', 'Not an email address') }]}
            >
              <Input placeholder="name@gov.cn" />
            </Form.Item>
            <Form.Item name="mailEvents" label={t('以下事件发邮件（铃铛里总会显示）', 'Mail me for (the bell always shows them)')}>
              <Checkbox.Group
                options={Object.entries(NOTIFY_EVENTS).map(([k, v]) => ({ value: k, label: locale === 'en' ? v[1] : v[0] }))}
              />
            </Form.Item>
            <Form.Item name="digest" label={t('改为每日摘要（一天一封）', 'One daily digest instead')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {digest && (
              <Form.Item name="digestHour" label={t('摘要发送时间（北京时间，时）', 'Digest hour (Beijing time)')}>
                <InputNumber min={0} max={23} />
              </Form.Item>
            )}
            <Button type="primary" loading={saving} onClick={save}>
              {t('保存', 'Save')}
            </Button>
          </Form>
        </Card>
      </Space>
    </>
  );
}

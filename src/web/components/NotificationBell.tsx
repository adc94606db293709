import { useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Typography, notification as toast } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../../shared/notifications.contracts.ts';
import { ok, http } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { formatDateTime } from '../lib/dates.ts';

/**
 * The bell in the header: the unread count pushed by the server (server-sent events, no polling),
 * a toast for each new notification, and the latest ones in a popover; a click opens the item and
 * marks it read. Signing out ends the stream on the server's side.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[]>([]);

  useEffect(() => {
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('unread', (e) => setUnread((JSON.parse((e as MessageEvent).data) as { unread: number }).unread));
    source.addEventListener('notification', (e) => {
      const n = JSON.parse((e as MessageEvent).data) as Notification;
      toast.info({ message: n.title, placement: 'bottomRight', onClick: () => n.link && navigate(n.link) });
    });
    source.addEventListener('signed-out', () => source.close());
    return () => source.close();
  }, [navigate]);

  const load = async () => {
    const list = await ok(http.GET('/api/notifications', { params: { query: { limit: 10 } } }));
    setItems(list.items);
    setUnread(list.unread);
  };
  const openItem = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) await ok(http.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } })).catch(() => {});
    setUnread((u) => Math.max(0, u - (n.readAt ? 0 : 1)));
    if (n.link) navigate(n.link);
  };

  const content = (
    <div style={{ width: 340 }}>
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => void openItem(n)}>
              <Space direction="vertical" size={0}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无通知', 'No notifications')} />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button
          size="small"
          disabled={!unread}
          onClick={async () => {
            await ok(http.POST('/api/notifications/read-all'));
            await load();
          }}
        >
          {t('全部标为已读', 'Mark all read')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('全部通知与设置', 'All notifications & settings')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      placement="bottomRight"
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
    >
      <Button type="text" aria-label={t('通知', 'Notifications')}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

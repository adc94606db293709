import { useState } from 'react';
import { DatePicker, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { describeDetails } from './securityDetails.ts';

interface SecurityEvent {
  id: number;
  at: string;
  kind: string;
  userId: string | null;
  username: string | null;
  ip: string | null;
  /** The server declares it `unknown`; it is written as an object of named facts. */
  details: unknown;
}

const KINDS: Record<string, [string, string, string?]> = {
  login_ok: ['登录成功', 'Signed in', 'green'],
  login_failed: ['登录失败', 'Sign-in failed', 'orange'],
  login_locked: ['账号锁定', 'Locked out', 'red'],
  logout: ['退出登录', 'Signed out'],
  password_changed: ['修改密码', 'Password changed'],
  password_reset: ['重置密码', 'Password reset', 'orange'],
  user_created: ['新建用户', 'User created', 'blue'],
  user_updated: ['修改用户', 'User changed', 'blue'],
  role_granted: ['授予角色', 'Role granted', 'purple'],
  role_revoked: ['撤销角色', 'Role revoked', 'purple'],
  token_created: ['创建令牌', 'Token created'],
  token_revoked: ['吊销令牌', 'Token revoked'],
  token_used: ['令牌操作', 'Change via token', 'gold'],
  export: ['导出', 'Export'],
  backup: ['备份', 'Backup'],
  restore: ['恢复', 'Restore', 'red'],
  period_close: ['结账', 'Month closed', 'blue'],
  period_reopen: ['反结账', 'Month reopened', 'orange'],
  books_takeover: ['期初建账', 'Books taken over', 'blue'],
};

/** 安全日志: sign-ins and permission changes, for auditors. */
export default function SecurityLogPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const columns: TableColumnsType<SecurityEvent> = [
    {
      title: t('时间', 'Time'),
      dataIndex: 'at',
      key: 'at',
      sorter: true,
      width: 180,
      render: (v) => formatDateTime(v, true),
    },
    {
      title: t('事件', 'Event'),
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      width: 120,
      render: (v: string) => {
        const k = KINDS[v];
        return <Tag color={k?.[2]}>{k ? t(k[0], k[1]) : v}</Tag>;
      },
    },
    { title: t('操作人', 'By'), dataIndex: 'username', key: 'username', sorter: true, width: 130 },
    { title: 'IP', dataIndex: 'ip', width: 130 },
    {
      title: t('详情', 'Details'),
      dataIndex: 'details',
      render: (v: unknown) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="security-details">
          {describeDetails(v as Record<string, unknown> | null, t)
            .map(([k, x]) => `${k}：${x}`)
            .join('；')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('安全日志', 'Security log')}
        subTitle={t('登录、密码与权限变更', 'Sign-ins, passwords and permission changes')}
      />
      <ServerTable<SecurityEvent>
        url="/api/security-events"
        columns={columns}
        search={t('用户名、IP 或详情', 'Username, IP or details')}
        filters={{ kind, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') }}
        toolbar={
          <>
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('事件类型', 'Event')}
              value={kind}
              onChange={setKind}
              options={Object.entries(KINDS).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))}
            />
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
          </>
        }
      />
    </>
  );
}

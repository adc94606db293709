// 收费明细: the month's charge lines per unit and resource (what the unified settlement reads), the
// asset office's run that writes them, each unit's amount as a bar, and the Excel file.
import { App, Button, Progress, Space, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RESOURCE_KINDS, type ChargeLine } from '../../../shared/sharing.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money } from '../../components/Money.tsx';
import { chargeLines, generateCharges } from './api.ts';

export function ChargesSection({ month }: { month: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const qc = useQueryClient();
  const lines = useQuery({ queryKey: ['sharing-charges', month], queryFn: () => chargeLines(month) });
  const byUnit = lines.data?.byUnit ?? [];
  const top = Math.max(1, ...byUnit.map((u) => u.amountFen));
  return (
    <div data-testid="charges">
      <Space style={{ marginTop: 24, marginBottom: 8 }} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('收费明细（供统一结算）', 'Charge lines (for the settlement)')}
        </Typography.Title>
        {session.can('sharing.manage') && (
          <ConfirmButton
            size="small"
            confirm={t(`生成 ${month} 的收费明细？`, `Write the charge lines of ${month}?`)}
            description={t(
              '将替换该月尚未结算的明细；已结算的月份不能重新生成',
              "Replaces the month's unsettled lines; a settled month is refused",
            )}
            onConfirm={async () => {
              await generateCharges(month);
              await qc.invalidateQueries({ queryKey: ['sharing-charges', month] });
              message.success(t('已生成', 'Written'));
            }}
            data-testid="charges-generate"
          >
            {t('生成收费明细', 'Write the charge lines')}
          </ConfirmButton>
        )}
        <Button size="small" icon={<FileExcelOutlined />} href={`/api/sharing/charges.xlsx?month=${month}`}>
          {t('导出 Excel', 'Export to Excel')}
        </Button>
      </Space>
      {byUnit.map((u) => (
        <div key={u.unitId} style={{ display: 'flex', gap: 12, alignItems: 'center', maxWidth: 640 }}>
          <span style={{ width: 160 }}>{u.unitName}</span>
          <Progress percent={(u.amountFen * 100) / top} showInfo={false} style={{ flex: 1, margin: 0 }} />
          <Money fen={u.amountFen} />
        </div>
      ))}
      <Table<ChargeLine>
        size="small"
        rowKey="id"
        loading={lines.isLoading}
        dataSource={lines.data?.items ?? []}
        pagination={false}
        style={{ marginTop: 8 }}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('资源', 'Resource'), dataIndex: 'resourceName' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'resourceKind',
            render: (k: ChargeLine['resourceKind']) => t(RESOURCE_KINDS[k][0], RESOURCE_KINDS[k][1]),
          },
          { title: t('次数', 'Bookings'), dataIndex: 'bookings', align: 'right' },
          { title: t('小时', 'Hours'), dataIndex: 'minutes', align: 'right', render: (m: number) => (m / 60).toFixed(1) },
          { title: t('里程（公里）', 'km'), dataIndex: 'km', align: 'right' },
          { title: t('应收金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('结算', 'Settled'), dataIndex: 'settledAt', render: (s: string | null) => (s ? t('已结算', 'Settled') : '') },
        ]}
      />
    </div>
  );
}

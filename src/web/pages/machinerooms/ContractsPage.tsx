import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { PRIORITIES, SLA_CLOCKS, type ContractView, type SlaTerms } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CONTRACTS_XLSX_URL, omKeys, useContracts } from './api.ts';
import { ContractForm } from './ContractForm.tsx';
import { labelOf } from './labels.ts';
import { ScopeCardsCard } from './ScopeCardsCard.tsx';
import { VendorsCard } from './VendorsCard.tsx';

/**
 * 运维合同: each contract's vendor, scope, period, amount and SLA per priority; a vendor sees its own.
 * The committee creates and edits contracts and vendors here; the list exports to Excel.
 */
export default function ContractsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const manage = can('machineroom.manage');
  const qc = useQueryClient();
  const contracts = useContracts();
  const [editing, setEditing] = useState<ContractView | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title={t('运维合同', 'O&M contracts')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={CONTRACTS_XLSX_URL}>
              {t('导出 Excel', 'Export to Excel')}
            </Button>
            {manage && (
              <Button type="primary" onClick={() => setEditing('new')}>
                {t('新建合同', 'New contract')}
              </Button>
            )}
          </Space>
        }
      />
      {!contracts.data?.items.length && <Empty />}
      {contracts.data?.items.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={`${c.contractNo} ${c.name}`}
          style={{ marginBottom: 16 }}
          extra={
            manage && (
              <Button size="small" onClick={() => setEditing(c)} aria-label={`edit-${c.contractNo}`}>
                {t('修改合同', 'Edit')}
              </Button>
            )
          }
        >
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('服务商', 'Vendor')}>{c.vendorName}</Descriptions.Item>
            <Descriptions.Item label={t('期限', 'Period')}>
              {c.startsOn} – {c.endsOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('金额', 'Amount')}>
              <Money fen={c.amountFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('服务范围', 'Scope')}>
              {c.rooms.map((r) => (
                <Tag key={r.id}>
                  {r.code} {r.name}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('列明的资产', 'Listed cards')}>
              {c.cards.length
                ? c.cards.map((k) => (
                    <Tag key={k.id}>
                      {k.cardNo} {k.name}（{k.roomCode}）
                    </Tag>
                  ))
                : t('无（仅机柜内设备）', 'None (racked devices only)')}
            </Descriptions.Item>
            <Descriptions.Item label={t('工作时间', 'Business hours')}>
              {t('周一至周五', 'Mon–Fri')} {c.businessFrom}–{c.businessTo}
            </Descriptions.Item>
          </Descriptions>
          <Table<{ priority: string } & SlaTerms>
            rowKey="priority"
            size="small"
            pagination={false}
            dataSource={(Object.keys(PRIORITIES) as (keyof typeof PRIORITIES)[]).map((p) => ({ priority: p, ...c.sla[p] }))}
            columns={[
              { title: t('级别', 'Priority'), dataIndex: 'priority', render: (v: string) => labelOf(PRIORITIES, v, locale) },
              { title: t('响应（分钟）', 'Response (min)'), dataIndex: 'responseMinutes', align: 'right' },
              { title: t('到场（分钟）', 'On site (min)'), dataIndex: 'onsiteMinutes', align: 'right' },
              { title: t('修复（分钟）', 'Resolution (min)'), dataIndex: 'resolveMinutes', align: 'right' },
              { title: t('计时方式', 'Clock'), dataIndex: 'clock', render: (v: string) => labelOf(SLA_CLOCKS, v, locale) },
            ]}
          />
        </Card>
      ))}
      <ScopeCardsCard />
      <VendorsCard />
      {editing && (
        <ContractForm
          open
          contract={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void qc.invalidateQueries({ queryKey: omKeys.contracts });
          }}
        />
      )}
    </>
  );
}

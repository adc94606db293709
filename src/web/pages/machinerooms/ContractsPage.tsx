import { Card, Descriptions, Empty, Table, Tag } from 'antd';
import { PRIORITIES, SLA_CLOCKS, type SlaTerms, type VendorView } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useContracts, useVendors } from './api.ts';
import { labelOf } from './labels.ts';

/** 运维合同: each contract's vendor, scope, period, amount and SLA per priority; a vendor sees its own. */
export default function ContractsPage() {
  const { t, locale } = useI18n();
  const contracts = useContracts();
  const vendors = useVendors();
  return (
    <>
      <PageHeader title={t('运维合同', 'O&M contracts')} />
      {!contracts.data?.items.length && <Empty />}
      {contracts.data?.items.map((c) => (
        <Card key={c.id} size="small" title={`${c.contractNo} ${c.name}`} style={{ marginBottom: 16 }}>
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
      <Card size="small" title={t('运维服务商', 'Vendors')}>
        <Table<VendorView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={vendors.data?.items}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('联系人', 'Contact'), dataIndex: 'contact' },
            { title: t('电话', 'Phone'), dataIndex: 'phone' },
            { title: t('登录账号', 'Accounts'), dataIndex: 'accounts', render: (v: string[]) => v.join('、') },
          ]}
        />
      </Card>
    </>
  );
}

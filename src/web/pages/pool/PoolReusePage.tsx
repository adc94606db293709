import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PRICING_BASES } from '../../../shared/document-types/disposal.doctype.ts';
import { DOCUMENT_STATUSES } from '../../../shared/workflow.contracts.ts';
import { POOL_CONDITIONS, REPAIR_OUTCOMES, type PoolLot, type PoolRepair, type RepairFinishInput } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { createLot, finishRepair, poolKeys, useDisposalList, useLots, useRepairs } from './api.ts';
import { codeLabel, optionsOf } from './poolLabels.ts';

interface LotForm {
  listingIds: string[];
  buyer: string;
  priceFen: number;
  pricingBasis: 'appraisal' | 'public_trading';
  appraisal?: string;
  earlyGround?: string;
}

/** 维修再利用与打包处置: the pool items at a vendor, and the disposal lots with their income. */
export default function PoolReusePage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const repairs = useRepairs();
  const lots = useLots();
  const disposalList = useDisposalList();
  const [finishing, setFinishing] = useState<PoolRepair>();
  const [bundling, setBundling] = useState(false);
  const [finishForm] = Form.useForm<RepairFinishInput>();
  const outcome = Form.useWatch('outcome', finishForm);
  const [lotForm] = Form.useForm<LotForm>();
  const applyLot = useFormErrors(lotForm);
  const decide = can('pool.decide');

  const finish = async () => {
    const v = await finishForm.validateFields();
    try {
      const r = await finishRepair(finishing!.id, v);
      message.success(
        r.docNo ? t(`已修复回仓，维修单 ${r.docNo}`, `Back in the pool; repair ${r.docNo}`) : t('已转拟处置', 'Proposed for disposal'),
      );
      setFinishing(undefined);
      finishForm.resetFields();
      await qc.invalidateQueries({ queryKey: poolKeys.repairsAll });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const bundle = async () => {
    const v = await lotForm.validateFields();
    modal.confirm({
      title: t(`将 ${v.listingIds.length} 件资产打包处置？`, `Dispose of ${v.listingIds.length} items as one lot?`),
      content: t(
        '将生成一张处置单（公开出售）并提交审批；批准执行后资产核销，收入纳入上缴管理。',
        'One disposal document (open sale) is drafted and submitted for approval.',
      ),
      onOk: async () => {
        try {
          const r = await createLot(v);
          message.success(t(`已提交处置单 ${r.docNo}`, `Disposal ${r.docNo} submitted`));
          setBundling(false);
          lotForm.resetFields();
          await qc.invalidateQueries({ queryKey: poolKeys.lots });
          await qc.invalidateQueries({ queryKey: ['pool-disposal-list'] });
        } catch (err) {
          applyLot(err);
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('维修再利用与打包处置', 'Repair for reuse and disposal lots')}
        subTitle={t(
          '无人申请的公物仓资产：送修后回仓，或打包公开处置',
          'Pool items nobody wants: repaired back into the pool, or sold as a lot',
        )}
        extra={
          decide && (
            <Button type="primary" onClick={() => setBundling(true)} data-testid="lot-new">
              {t('打包处置', 'New disposal lot')}
            </Button>
          )
        }
      />
      <Tabs
        items={[
          {
            key: 'repairs',
            label: t('维修记录', 'Repairs'),
            children: (
              <Table<PoolRepair>
                rowKey="id"
                size="small"
                loading={repairs.isFetching}
                dataSource={repairs.data?.items ?? []}
                pagination={false}
                columns={[
                  { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', width: 170 },
                  { title: t('名称', 'Name'), dataIndex: 'name' },
                  { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 140 },
                  { title: t('维修单位', 'Vendor'), dataIndex: 'vendor', width: 140 },
                  { title: t('故障', 'Fault'), dataIndex: 'fault' },
                  { title: t('送修日期', 'Sent'), dataIndex: 'sentOn', width: 110 },
                  {
                    title: t('费用', 'Cost'),
                    dataIndex: 'costFen',
                    width: 110,
                    align: 'right',
                    render: (v) => (v === null ? '—' : <Money fen={v} />),
                  },
                  {
                    title: t('结果', 'Outcome'),
                    key: 'outcome',
                    width: 220,
                    render: (_, r) =>
                      r.outcome ? (
                        <Space size={4}>
                          <Tag color={r.outcome === 'repaired' ? 'green' : 'orange'}>{codeLabel(REPAIR_OUTCOMES, r.outcome, locale)}</Tag>
                          {r.documentId && <Link to={`/documents/${r.documentId}`}>{r.docNo}</Link>}
                        </Space>
                      ) : decide ? (
                        <Button size="small" onClick={() => setFinishing(r)} data-testid={`repair-finish-${r.cardNo}`}>
                          {t('登记维修结果', 'Record outcome')}
                        </Button>
                      ) : (
                        <Tag>{t('维修中', 'At the vendor')}</Tag>
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'lots',
            label: t('打包处置批次', 'Disposal lots'),
            children: (
              <Table<PoolLot>
                rowKey="id"
                size="small"
                loading={lots.isFetching}
                dataSource={lots.data?.items ?? []}
                pagination={false}
                expandable={{
                  expandedRowRender: (l) => l.cards.map((c) => `${c.cardNo} ${c.name}`).join('；'),
                }}
                columns={[
                  {
                    title: t('处置单', 'Document'),
                    key: 'doc',
                    width: 150,
                    render: (_, l) => <Link to={`/documents/${l.documentId}`}>{l.docNo}</Link>,
                  },
                  {
                    title: t('状态', 'Status'),
                    dataIndex: 'documentStatus',
                    width: 100,
                    render: (v: string, l) =>
                      l.released ? <Tag>{t('已退回拟处置', 'Released')}</Tag> : codeLabel(DOCUMENT_STATUSES, v, locale),
                  },
                  { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 140 },
                  { title: t('件数', 'Items'), dataIndex: 'items', width: 70, align: 'right' },
                  { title: t('受让方', 'Buyer'), dataIndex: 'buyer' },
                  {
                    title: t('定价方式', 'Pricing'),
                    dataIndex: 'pricingBasis',
                    width: 100,
                    render: (v: string) => codeLabel(PRICING_BASES, v, locale),
                  },
                  {
                    title: t('账面净值', 'Net value'),
                    dataIndex: 'netValueFen',
                    width: 120,
                    align: 'right',
                    render: (v) => <Money fen={v} />,
                  },
                  { title: t('成交价', 'Price'), dataIndex: 'priceFen', width: 120, align: 'right', render: (v) => <Money fen={v} /> },
                  {
                    title: t('已取得收入', 'Received'),
                    dataIndex: 'incomeReceivedFen',
                    width: 120,
                    align: 'right',
                    render: (v) => <Money fen={v} />,
                  },
                  {
                    title: t('已上缴', 'Turned over'),
                    dataIndex: 'incomeTurnedOverFen',
                    width: 120,
                    align: 'right',
                    render: (v) => <Money fen={v} />,
                  },
                  {
                    title: t('待上缴', 'Outstanding'),
                    dataIndex: 'incomeOutstandingFen',
                    width: 120,
                    align: 'right',
                    render: (v) => <Money fen={v} />,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal
        open={!!finishing}
        title={t(`维修结果：${finishing?.cardNo ?? ''}`, `Repair outcome: ${finishing?.cardNo ?? ''}`)}
        onCancel={() => setFinishing(undefined)}
        onOk={finish}
        okText={t('确认登记', 'Record')}
        destroyOnHidden
      >
        <Form form={finishForm} layout="vertical" initialValues={{ outcome: 'repaired', condition: 'good' }}>
          <Form.Item name="outcome" label={t('结果', 'Outcome')} rules={[{ required: true }]}>
            <Radio.Group options={optionsOf(REPAIR_OUTCOMES, locale)} />
          </Form.Item>
          {outcome === 'repaired' && (
            <Form.Item name="condition" label={t('回仓成色', 'Condition back in the pool')}>
              <Radio.Group options={optionsOf(POOL_CONDITIONS, locale).filter((o) => o.value !== 'needs_repair')} />
            </Form.Item>
          )}
          <Form.Item
            name="costFen"
            label={t('费用（元）', 'Cost')}
            rules={[{ required: true, message: t('请填写费用', 'Enter the cost') }]}
          >
            <YuanInput />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={bundling}
        width={720}
        title={t('打包处置（公开出售）', 'Disposal lot (open sale)')}
        onCancel={() => setBundling(false)}
        onOk={bundle}
        okText={t('生成处置单并提交', 'Draft and submit')}
        destroyOnHidden
      >
        <Form form={lotForm} layout="vertical" initialValues={{ pricingBasis: 'public_trading' }}>
          <Form.Item
            name="listingIds"
            label={t('拟处置资产（同一产权单位）', 'Items proposed for disposal (one owning unit)')}
            rules={[{ required: true, message: t('请选择资产', 'Pick the items') }]}
          >
            <Select
              mode="multiple"
              loading={disposalList.isFetching}
              options={(disposalList.data?.items ?? []).map((l) => ({
                value: l.id,
                label: `${l.cardNo} ${l.name}（${l.unitName ?? ''}）`,
              }))}
              data-testid="lot-items"
            />
          </Form.Item>
          <Form.Item name="buyer" label={t('受让方', 'Buyer')} rules={[{ required: true, message: t('请填写受让方', 'Enter the buyer') }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="priceFen"
            label={t('成交价格（元）', 'Price')}
            rules={[{ required: true, message: t('请填写成交价格', 'Enter the price') }]}
          >
            <YuanInput />
          </Form.Item>
          <Form.Item name="pricingBasis" label={t('定价方式', 'Pricing basis')} rules={[{ required: true }]}>
            <Radio.Group options={optionsOf(PRICING_BASES, locale)} />
          </Form.Item>
          <Form.Item name="appraisal" label={t('评估或鉴定意见', 'Appraisal')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="earlyGround" label={t('提前处置理由（未满最低使用年限时必填）', 'Early disposal ground')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

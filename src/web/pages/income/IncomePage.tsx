import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import {
  INCOME_SOURCES,
  INCOME_STATES,
  type IncomeDetail,
  type IncomeItem,
  type IncomeState,
  type TurnoverInput,
  TURNOVER_DAYS,
} from '../../../shared/income.contracts.ts';
import { formatYuan } from '../../../shared/money.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { incomeKeys, recordTurnover, useIncomeDetail, useIncomeList, useIncomeReport } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

const STATE_COLOR: Record<IncomeState, string> = { outstanding: 'gold', overdue: 'red', settled: 'green' };

/**
 * 国有资产收入: disposal and rental/lending income recorded on executed documents, what has been turned
 * over to the treasury and what is still due (docs/domain.md §4a); the report per unit and period.
 */
export default function IncomePage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader
        title={t('国有资产收入', 'Asset income')}
        subTitle={t(
          `处置收入与出租出借收入按规定上缴国库；取得后 ${TURNOVER_DAYS} 日未缴清为逾期`,
          `Disposal, rental and lending income goes to the treasury; overdue ${TURNOVER_DAYS} days after receipt`,
        )}
      />
      <Tabs
        items={[
          { key: 'list', label: t('收入明细', 'Income by document'), children: <IncomeList /> },
          { key: 'report', label: t('收入情况表', 'Income report'), children: <IncomeReportTab /> },
        ]}
      />
    </div>
  );
}

function IncomeList() {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  const [filter, setFilter] = useState<{ state?: IncomeState; source?: 'disposal' | 'lending'; unitId?: string; q?: string }>({
    state: 'outstanding',
  });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const update = (patch: Partial<typeof filter>) => {
    setPage(1);
    setFilter({ ...filter, ...patch });
  };
  const list = useIncomeList({ ...filter, page, pageSize: 20 });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('状态', 'State')}
          value={filter.state}
          onChange={(state) => update({ state })}
          options={Object.entries(INCOME_STATES).map(([k, v]) => ({ value: k, label: v[en ? 1 : 0] }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('收入来源', 'Source')}
          value={filter.source}
          onChange={(source) => update({ source })}
          options={Object.entries(INCOME_SOURCES).map(([k, v]) => ({ value: k, label: v[en ? 1 : 0] }))}
        />
        <UnitSelect style={{ width: 220 }} value={filter.unitId} onChange={(unitId) => update({ unitId: unitId as string })} />
        <Input.Search
          allowClear
          placeholder={t('单据号、对方单位', 'Document, counterparty')}
          onSearch={(q) => update({ q: q || undefined })}
        />
      </Space>
      <Table<IncomeItem>
        rowKey="documentId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.documentId), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('单据号', 'Document'),
            dataIndex: 'docNo',
            render: (v: string, r) => (
              <Link to={`/documents/${r.documentId}`} onClick={(e) => e.stopPropagation()}>
                {v}
              </Link>
            ),
          },
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('收入类型', 'Kind'), dataIndex: 'kind' },
          { title: t('对方单位', 'Counterparty'), dataIndex: 'counterparty' },
          { title: t('取得日期', 'Received'), dataIndex: 'receivedOn' },
          { title: t('应缴期限', 'Due'), dataIndex: 'dueOn' },
          { title: t('收入金额', 'Income'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('已上缴', 'Turned over'), dataIndex: 'turnedOverFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('未缴余额', 'Still due'), dataIndex: 'outstandingFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          {
            title: t('状态', 'State'),
            dataIndex: 'state',
            render: (s: IncomeState) => <Tag color={STATE_COLOR[s]}>{INCOME_STATES[s][en ? 1 : 0]}</Tag>,
          },
        ]}
      />
      {open && <IncomeDrawer documentId={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function IncomeDrawer({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [recording, setRecording] = useState(false);
  const detail = useIncomeDetail(documentId);
  const d = detail.data;
  return (
    <Drawer open width={720} onClose={onClose} title={d ? `${d.docNo} ${d.kind}` : t('收入', 'Income')}>
      {d && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('单位', 'Unit')}>{d.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('对方单位', 'Counterparty')}>{d.counterparty ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('取得日期', 'Received')}>{d.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('应缴期限', 'Due')}>{d.dueOn}</Descriptions.Item>
            <Descriptions.Item label={t('收入金额', 'Income')}>
              <Money fen={d.amountFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('已上缴', 'Turned over')}>
              <Money fen={d.turnedOverFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('未缴余额', 'Still due')}>
              <Typography.Text strong type={d.state === 'overdue' ? 'danger' : undefined} data-testid="income-outstanding">
                <Money fen={d.outstandingFen} />
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('状态', 'State')}>{INCOME_STATES[d.state][locale === 'en' ? 1 : 0]}</Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '16px 0 8px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('上缴国库记录', 'Turnovers to the treasury')}
            </Typography.Title>
            {d.canTurnOver && (
              <Button type="primary" size="small" onClick={() => setRecording(true)}>
                {t('登记上缴', 'Record a turnover')}
              </Button>
            )}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.turnovers}
            columns={[
              { title: t('缴款日期', 'Paid on'), dataIndex: 'paidOn' },
              {
                title: t('记账月份', 'Booked in'),
                dataIndex: 'bookedOn',
                render: (b: string, r) =>
                  r.late ? <Tag color="orange">{t(`补记 ${b.slice(0, 7)}`, `Late, ${b.slice(0, 7)}`)}</Tag> : b.slice(0, 7),
              },
              { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
              { title: t('缴款凭证号', 'Voucher'), dataIndex: 'voucherNo' },
              { title: t('经办', 'By'), dataIndex: 'recordedByName' },
              { title: t('备注', 'Note'), dataIndex: 'note' },
            ]}
          />
          {recording && <TurnoverModal detail={d} onClose={() => setRecording(false)} />}
        </>
      )}
    </Drawer>
  );
}

function TurnoverModal({ detail, onClose }: { detail: IncomeDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TurnoverInput & { paidDay: dayjs.Dayjs }>();
  const record = useMutation({
    mutationFn: (v: TurnoverInput) => recordTurnover(detail.documentId, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: incomeKeys.all }),
  });
  const { saving, submit } = useFormSubmit(
    form,
    (v) =>
      new Promise((resolve, reject) =>
        // A turnover cannot be undone: confirm the amount and voucher first.
        modal.confirm({
          title: t('确认登记上缴国库？', 'Record this turnover?'),
          content: t(
            `金额 ¥${formatYuan(v.amountFen)}，凭证号 ${v.voucherNo}；登记后不能修改或删除。`,
            `¥${formatYuan(v.amountFen)}, voucher ${v.voucherNo}; it cannot be changed afterwards.`,
          ),
          onOk: () =>
            record
              .mutateAsync({
                amountFen: v.amountFen,
                paidOn: v.paidDay.format('YYYY-MM-DD'),
                voucherNo: v.voucherNo,
                note: v.note || undefined,
              })
              .then(() => resolve(t('已登记上缴', 'Recorded'))),
          onCancel: () => reject(new Error('cancelled')),
        }),
      ),
    onClose,
  );
  return (
    <Modal
      open
      title={t('登记上缴国库', 'Record a turnover')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('登记', 'Record')}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ amountFen: detail.outstandingFen, paidDay: businessDay() }}>
        <Form.Item
          name="amountFen"
          label={t(`上缴金额（未缴 ¥${formatYuan(detail.outstandingFen)}）`, 'Amount')}
          rules={[{ required: true }]}
        >
          <YuanInput min={0.01} />
        </Form.Item>
        <Form.Item name="paidDay" label={t('缴款日期', 'Paid on')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(businessDay(), 'day') || d.isBefore(dayjs(detail.receivedOn), 'day')} />
        </Form.Item>
        <Form.Item name="voucherNo" label={t('缴款凭证号', 'Voucher number')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IncomeReportTab() {
  const { t, locale } = useI18n();
  const [range, setRange] = useState<[string, string]>([businessDay().format('YYYY-MM'), businessDay().format('YYYY-MM')]);
  const [unitId, setUnitId] = useState<string | undefined>();
  const params = { from: range[0], to: range[1], ...(unitId ? { unitId } : {}) };
  const qs = new URLSearchParams(params).toString();
  const report = useIncomeReport(params);
  const totals = report.data?.totals;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={[dayjs(`${range[0]}-01`), dayjs(`${range[1]}-01`)]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM'), v[1].format('YYYY-MM')])}
        />
        <UnitSelect style={{ width: 220 }} value={unitId} onChange={(u) => setUnitId(u as string | undefined)} />
        <Button icon={<FileExcelOutlined />} href={`/api/income/report.xlsx?${qs}`}>
          {t('导出 Excel', 'Export to Excel')}
        </Button>
        <Button icon={<PrinterOutlined />} href={`/income/report/print?${qs}`} target="_blank">
          {t('打印', 'Print')}
        </Button>
      </Space>
      <Table
        rowKey={(r) => `${r.unitId}-${r.source}`}
        size="small"
        loading={report.isLoading}
        dataSource={report.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          {
            title: t('收入来源', 'Source'),
            dataIndex: 'source',
            render: (s: keyof typeof INCOME_SOURCES) => INCOME_SOURCES[s][locale === 'en' ? 1 : 0],
          },
          { title: t('本期取得笔数', 'Documents'), dataIndex: 'documents', align: 'right' },
          { title: t('期初未缴', 'Opening due'), dataIndex: 'openingFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('本期取得', 'Received'), dataIndex: 'receivedFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('本期上缴国库', 'Turned over'), dataIndex: 'turnedOverFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('期末未缴', 'Closing due'), dataIndex: 'closingFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('其中逾期', 'Of which overdue'), dataIndex: 'overdueFen', align: 'right', render: (f: number) => <Money fen={f} /> },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>{t('合计', 'Total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {totals.documents}
              </Table.Summary.Cell>
              {(['openingFen', 'receivedFen', 'turnedOverFen', 'closingFen', 'overdueFen'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={3 + i} align="right">
                  <Money fen={totals[k]} />
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

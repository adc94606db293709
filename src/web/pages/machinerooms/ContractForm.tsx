import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tabs } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DEFAULT_INSPECTION_SCHEDULE,
  DEFAULT_PAYMENT_RULE,
  DEFAULT_SCORECARD_RULES,
  INSPECTION_FREQUENCIES,
  PRIORITIES,
  SCORE_ITEMS,
  SLA_CLOCKS,
  type ContractView,
  type Priority,
  type ScoreItem,
  type SlaTable,
} from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { YuanInput } from '../../components/Money.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { createContract, updateContract, useMachineRoomList, useVendors } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';
import { ScopeCardsField } from './ScopeCardsField.tsx';

type ContractBody = Body<'/api/om/contracts', 'post'>;
/** The form's values: the contract as the API takes it, the period as two dayjs and availability in percent. */
type Values = Omit<ContractBody, 'startsOn' | 'endsOn' | 'availabilityTargetBp'> & { period: [Dayjs, Dayjs]; availabilityPct: number };

const PRIORITY_KEYS = Object.keys(PRIORITIES) as Priority[];
const ITEM_KEYS = Object.keys(SCORE_ITEMS) as ScoreItem[];
const DEFAULT_SLA: SlaTable = {
  p1: { responseMinutes: 15, onsiteMinutes: 60, resolveMinutes: 240, clock: '24x7' },
  p2: { responseMinutes: 30, onsiteMinutes: 120, resolveMinutes: 480, clock: '24x7' },
  p3: { responseMinutes: 60, onsiteMinutes: 240, resolveMinutes: 960, clock: 'business' },
  p4: { responseMinutes: 240, onsiteMinutes: 960, resolveMinutes: 2880, clock: 'business' },
};
const CLOCK_RULE = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间应为 HH:MM，如 09:00' };

function initialValues(c: ContractView | null): Partial<Values> {
  if (!c)
    return {
      sla: DEFAULT_SLA,
      businessFrom: '09:00',
      businessTo: '18:00',
      inspectionSchedule: DEFAULT_INSPECTION_SCHEDULE,
      scorecardRules: DEFAULT_SCORECARD_RULES,
      paymentRule: DEFAULT_PAYMENT_RULE,
      availabilityPct: 99.9,
    };
  return {
    contractNo: c.contractNo,
    name: c.name,
    vendorId: c.vendorId,
    period: [dayjs(c.startsOn), dayjs(c.endsOn)],
    amountFen: c.amountFen,
    machineRoomIds: c.rooms.map((r) => r.id),
    cards: c.cards.map((k) => ({ cardId: k.id, machineRoomId: k.machineRoomId })),
    sla: c.sla,
    businessFrom: c.businessFrom,
    businessTo: c.businessTo,
    inspectionSchedule: c.inspectionSchedule,
    scorecardRules: c.scorecardRules,
    paymentRule: c.paymentRule,
    availabilityPct: c.availabilityTargetBp / 100,
  };
}

/**
 * 新建或修改运维合同: scope (rooms), period, amount, the SLA per priority, business hours and
 * availability, the inspection schedule, the scorecard rules and the payment rule. Saving an edit
 * asks first (the future rounds are rescheduled); the server refuses what would change a settled month.
 */
export function ContractForm({
  contract,
  open,
  onClose,
}: {
  contract: ContractView | null;
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rooms = useMachineRoomList();
  const vendors = useVendors();
  const frequency = Form.useWatch(['inspectionSchedule', 'frequency'], form);
  const toBody = ({ period, availabilityPct, ...v }: Values): ContractBody => ({
    ...v,
    startsOn: period[0].format('YYYY-MM-DD'),
    endsOn: period[1].format('YYYY-MM-DD'),
    availabilityTargetBp: Math.round(availabilityPct * 100),
  });
  const { saving, submit } = useFormSubmit(
    form,
    async (v: Values) => {
      const body = toBody(v);
      if (!contract) return createContract(body);
      const { vendorId: _vendor, ...patch } = body;
      return updateContract(contract.id, patch);
    },
    () => onClose(true),
  );
  const save = (v: Values) => {
    if (!contract) return submit(v);
    modal.confirm({
      title: t('保存对合同的修改？', 'Save the changes to the contract?'),
      content: t(
        '新的 SLA 用于此后报修的工单；尚未到期的巡检按新的范围和计划重排；已结算月份受影响的修改会被拒绝。',
        'The new SLA applies to work orders reported from now on; rounds not yet due are rescheduled; changes touching a settled month are refused.',
      ),
      okText: t('保存', 'Save'),
      onOk: () => submit(v),
    });
  };
  const num = (min: number, max?: number) => <InputNumber min={min} max={max} style={{ width: '100%' }} />;
  const required = (what: string) => ({ required: true, message: `请填写${what}` });

  return (
    <Modal
      open={open}
      width={920}
      title={
        contract ? t(`修改运维合同 ${contract.contractNo}`, `Edit contract ${contract.contractNo}`) : t('新建运维合同', 'New O&M contract')
      }
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={initialValues(contract)} preserve={false}>
        <Tabs
          items={[
            {
              key: 'basic',
              label: t('基本信息与范围', 'Terms and scope'),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  <Col span={8}>
                    <Form.Item name="contractNo" label={t('合同编号', 'Contract no.')} rules={[required('合同编号')]}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item name="name" label={t('合同名称', 'Name')} rules={[required('合同名称')]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="vendorId"
                      label={t('服务商（中标单位）', 'Vendor (from the tender)')}
                      rules={[{ required: true, message: '请选择服务商' }]}
                    >
                      <Select disabled={!!contract} options={vendors.data?.items.map((v) => ({ value: v.id, label: v.name }))} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="period" label={t('合同期限', 'Period')} rules={[{ required: true, message: '请选择合同起止日期' }]}>
                      <DatePicker.RangePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="amountFen"
                      label={t('合同金额（元）', 'Amount (¥)')}
                      rules={[{ required: true, message: '请填写合同金额' }]}
                    >
                      <YuanInput style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item
                      name="machineRoomIds"
                      label={t('服务范围（机房；其中上架的设备卡片随之纳入）', 'Scope (rooms; the cards racked in them)')}
                      rules={[{ required: true, message: '请至少选择一个机房' }]}
                    >
                      <Select mode="multiple" options={rooms.data?.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      name="businessFrom"
                      label={t('工作时间自（周一至周五）', 'Business hours from (Mon–Fri)')}
                      rules={[required('开始时间'), CLOCK_RULE]}
                    >
                      <Input placeholder="09:00" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="businessTo" label={t('至', 'to')} rules={[required('结束时间'), CLOCK_RULE]}>
                      <Input placeholder="18:00" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="availabilityPct"
                      label={t('可用性目标（%）', 'Availability target (%)')}
                      rules={[required('可用性目标')]}
                    >
                      <InputNumber min={0} max={100} step={0.01} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              ),
            },
            {
              key: 'cards',
              label: t('列明的资产', 'Listed cards'),
              forceRender: true,
              children: (
                <ScopeCardsField
                  current={contract?.cards ?? []}
                  rooms={(rooms.data ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))}
                />
              ),
            },
            {
              key: 'sla',
              label: t('SLA（按级别）', 'SLA by priority'),
              forceRender: true,
              children: (
                <Table<{ p: Priority }>
                  rowKey="p"
                  size="small"
                  pagination={false}
                  dataSource={PRIORITY_KEYS.map((p) => ({ p }))}
                  columns={[
                    { title: t('级别', 'Priority'), dataIndex: 'p', width: 140, render: (p: string) => labelOf(PRIORITIES, p, locale) },
                    ...(
                      [
                        ['responseMinutes', t('响应（分钟）', 'Response (min)')],
                        ['onsiteMinutes', t('到场（分钟）', 'On site (min)')],
                        ['resolveMinutes', t('修复（分钟）', 'Resolution (min)')],
                      ] as const
                    ).map(([k, title]) => ({
                      title,
                      key: k,
                      render: (_: unknown, r: { p: Priority }) => (
                        <Form.Item name={['sla', r.p, k]} noStyle rules={[{ required: true, message: '请填写分钟数' }]}>
                          <InputNumber min={1} max={1_000_000} aria-label={`${r.p}-${k}`} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    })),
                    {
                      title: t('计时方式', 'Clock'),
                      key: 'clock',
                      width: 170,
                      render: (_: unknown, r: { p: Priority }) => (
                        <Form.Item name={['sla', r.p, 'clock']} noStyle>
                          <Select options={optionsOf(SLA_CLOCKS, locale)} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'inspection',
              label: t('巡检与考核', 'Inspections and scorecard'),
              forceRender: true,
              children: (
                <>
                  <Row gutter={16}>
                    <Col span={6}>
                      <Form.Item name={['inspectionSchedule', 'frequency']} label={t('巡检频次', 'Frequency')}>
                        <Select options={optionsOf(INSPECTION_FREQUENCIES, locale)} />
                      </Form.Item>
                    </Col>
                    {frequency === 'weekly' && (
                      <Col span={6}>
                        <Form.Item
                          name={['inspectionSchedule', 'weekday']}
                          label={t('星期', 'Weekday')}
                          rules={[{ required: true, message: '请选择每周巡检的星期' }]}
                        >
                          <Select
                            options={['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `星期${d}` }))}
                          />
                        </Form.Item>
                      </Col>
                    )}
                    {frequency === 'monthly' && (
                      <Col span={6}>
                        <Form.Item
                          name={['inspectionSchedule', 'monthDay']}
                          label={t('每月几日（1–28）', 'Day (1–28)')}
                          rules={[{ required: true, message: '请填写每月巡检的日期' }]}
                        >
                          {num(1, 28)}
                        </Form.Item>
                      </Col>
                    )}
                    <Col span={6}>
                      <Form.Item
                        name={['inspectionSchedule', 'dueBy']}
                        label={t('当日完成时限', 'Due by')}
                        rules={[required('时限'), CLOCK_RULE]}
                      >
                        <Input placeholder="17:00" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={16}>
                    <Col span={6}>
                      <Form.Item name={['scorecardRules', 'fullMarks']} label={t('满分', 'Full marks')} rules={[required('满分')]}>
                        {num(1, 1000)}
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={['scorecardRules', 'passMark']}
                        label={t('合格分', 'Pass mark')}
                        dependencies={[['scorecardRules', 'fullMarks']]}
                        rules={[
                          required('合格分'),
                          ({ getFieldValue }) => ({
                            validator: (_, v) =>
                              v == null || v <= getFieldValue(['scorecardRules', 'fullMarks'])
                                ? Promise.resolve()
                                : Promise.reject(new Error('合格分不能高于满分')),
                          }),
                        ]}
                      >
                        {num(0, 1000)}
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={['scorecardRules', 'reportDueDay']}
                        label={t('月报报送截止（次月几日）', 'Monthly report due (day of next month)')}
                        rules={[required('报送截止日')]}
                      >
                        {num(1, 28)}
                      </Form.Item>
                    </Col>
                  </Row>
                  <Table<{ item: ScoreItem }>
                    rowKey="item"
                    size="small"
                    pagination={false}
                    dataSource={ITEM_KEYS.map((item) => ({ item }))}
                    columns={[
                      { title: t('考核项', 'Item'), dataIndex: 'item', render: (v: string) => labelOf(SCORE_ITEMS, v, locale) },
                      {
                        title: t('每次扣分', 'Points each'),
                        key: 'points',
                        width: 160,
                        render: (_, r) => (
                          <Form.Item name={['scorecardRules', 'items', r.item, 'points']} noStyle>
                            <InputNumber min={0} max={1000} step={0.5} precision={1} style={{ width: '100%' }} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('每次扣款（元）', 'Penalty each (¥)'),
                        key: 'penalty',
                        width: 200,
                        render: (_, r) => (
                          <Form.Item name={['scorecardRules', 'items', r.item, 'penaltyFen']} noStyle>
                            <YuanInput style={{ width: '100%' }} />
                          </Form.Item>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'payment',
              label: t('付款规则', 'Payment rule'),
              forceRender: true,
              children: (
                <>
                  <p>
                    {t(
                      '年度平均分达到某档最低分即按该档比例付款（取达到的最高一档；须有一档最低分为 0）。',
                      "The year's mean score pays the share of the highest band whose minimum it reaches (one band must start at 0).",
                    )}
                  </p>
                  <Form.List
                    name={['paymentRule', 'bands']}
                    rules={[
                      {
                        validator: (_, bands?: { minScore?: number }[]) =>
                          bands?.some((b) => b?.minScore === 0) ? Promise.resolve() : Promise.reject(new Error('须有一档最低分为 0')),
                      },
                    ]}
                  >
                    {(fields, { add, remove }, { errors }) => (
                      <>
                        {fields.map((f) => (
                          <Space key={f.key} align="baseline">
                            <Form.Item name={[f.name, 'minScore']} label={t('平均分 ≥', 'Mean ≥')} rules={[required('最低分')]}>
                              <InputNumber min={0} max={1000} precision={1} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'percent']} label={t('付款比例（%）', 'Paid (%)')} rules={[required('付款比例')]}>
                              <InputNumber min={0} max={100} precision={1} />
                            </Form.Item>
                            <MinusCircleOutlined onClick={() => remove(f.name)} />
                          </Space>
                        ))}
                        <Form.Item>
                          <Button
                            type="dashed"
                            icon={<PlusOutlined />}
                            onClick={() => add({ minScore: 0, percent: 100 })}
                            disabled={fields.length >= 10}
                          >
                            {t('增加一档', 'Add a band')}
                          </Button>
                          <Form.ErrorList errors={errors} />
                        </Form.Item>
                      </>
                    )}
                  </Form.List>
                </>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}

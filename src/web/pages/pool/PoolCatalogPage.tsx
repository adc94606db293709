import { useState } from 'react';
import { App, Badge, Button, DatePicker, Form, Image, Input, Modal, Radio, Row, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import {
  LISTING_STATUSES,
  POOL_CONDITIONS,
  POOL_MODES,
  POOL_REASONS,
  REQUEST_KINDS,
  type Listing,
} from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { CategoryTreeSelect, UnitSelect } from '../../components/selects.tsx';
import { errorText } from '../../components/errors.ts';
import { YuanInput } from '../../components/Money.tsx';
import { specKeysFor, specSummary } from '../../../shared/spec-attributes.rules.ts';
import { SpecAttributesFields, cleanSpec } from '../../components/SpecAttributesFields.tsx';
import { listingPhotoUrl, requestListing, sendForRepair, setListingSpec, withdrawListing } from './api.ts';
import { codeLabel, optionsOf } from './poolLabels.ts';
import { businessDay } from '../../lib/dates.ts';

const URL = '/api/pool/listings';
/** Listing statuses the committee may send for repair. */
const REPAIRABLE = ['listed', 'disposal_proposed'];

/** 公物仓目录: what every unit has offered, searchable across units; request an item from here. */
export default function PoolCatalogPage() {
  const { t, locale } = useI18n();
  const { me, can, units } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const invalidate = useInvalidateList();
  const [categoryId, setCategoryId] = useState<string>();
  const [condition, setCondition] = useState<string>();
  const [location, setLocation] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [mine, setMine] = useState(false);
  const [hasPhoto, setHasPhoto] = useState(false);
  const [asking, setAsking] = useState<Listing>();
  const [repairing, setRepairing] = useState<Listing>();
  const [repairForm] = Form.useForm<{ vendor: string; fault: string; estimateFen?: number }>();
  const [describing, setDescribing] = useState<Listing>();
  const [specForm] = Form.useForm<{ spec?: Record<string, unknown> }>();
  const [form] = Form.useForm<{ purpose: string; unitId?: string; kind: 'transfer' | 'loan'; dueOn?: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  const committee = units('pool.request') === 'all';
  const offerScope = units('pool.offer');
  const mayWithdraw = (l: Listing) => l.status === 'listed' && (offerScope === 'all' || offerScope.includes(l.unitId));
  const mayDescribe = (l: Listing) =>
    ['listed', 'in_repair', 'disposal_proposed'].includes(l.status) &&
    specKeysFor(l.categoryCode).length > 0 &&
    (offerScope === 'all' || offerScope.includes(l.unitId));

  const submitSpec = async () => {
    const v = await specForm.validateFields();
    try {
      const res = await setListingSpec(describing!.id, cleanSpec(v.spec) ?? {});
      message.success(t(`已登记规格参数：${res.summary || '（无）'}`, 'Spec recorded'));
      setDescribing(undefined);
      await invalidate(URL);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const submitRequest = async () => {
    const v = await form.validateFields();
    try {
      await requestListing(asking!.id, { ...v, dueOn: v.kind === 'loan' ? v.dueOn?.format('YYYY-MM-DD') : undefined });
      message.success(t('已提交调剂申请，等待管委会审批', 'Request sent; the committee will decide'));
      setAsking(undefined);
      form.resetFields();
      await invalidate(URL);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const submitRepair = async () => {
    const v = await repairForm.validateFields();
    try {
      await sendForRepair(repairing!.id, v);
      message.success(t('已送修，维修期间不在目录中显示', 'Sent for repair; off the catalogue meanwhile'));
      setRepairing(undefined);
      repairForm.resetFields();
      await invalidate(URL);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const columns: TableColumnsType<Listing> = [
    {
      title: t('照片', 'Photo'),
      dataIndex: 'photoIds',
      width: 76,
      render: (ids: string[], r) =>
        ids.length ? (
          <Badge count={ids.length > 1 ? ids.length : 0} size="small">
            <Image
              src={listingPhotoUrl(r.id, ids[0])}
              width={48}
              height={48}
              style={{ objectFit: 'cover' }}
              alt={r.name}
              data-testid={`photo-${r.cardNo}`}
            />
          </Badge>
        ) : null,
    },
    { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', key: 'cardNo', sorter: true, width: 170 },
    {
      title: t('名称', 'Name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (v, r) => (
        <span>
          <Link to={`/pool/listings/${r.id}`}>{v}</Link>
          {r.spec ? <span style={{ color: '#888' }}> {r.spec}</span> : null}
          {specSummary(r.specAttributes) ? <div style={{ color: '#888', fontSize: 12 }}>{specSummary(r.specAttributes)}</div> : null}
        </span>
      ),
    },
    { title: t('分类', 'Category'), dataIndex: 'categoryName', width: 130 },
    { title: t('入仓单位', 'Offered by'), dataIndex: 'unitName', width: 140 },
    {
      title: t('方式', 'Mode'),
      dataIndex: 'mode',
      width: 90,
      render: (v) => (v === 'physical' ? t('实物', 'Physical') : t('虚拟', 'Virtual')),
    },
    { title: t('原因', 'Reason'), dataIndex: 'reason', width: 110, render: (v) => codeLabel(POOL_REASONS, v, locale) },
    { title: t('成色', 'Condition'), dataIndex: 'condition', width: 110, render: (v) => codeLabel(POOL_CONDITIONS, v, locale) },
    { title: t('存放地点', 'Location'), dataIndex: 'location', width: 180 },
    {
      title: t('净值', 'Net value'),
      dataIndex: 'netValueFen',
      key: 'netValueFen',
      sorter: true,
      width: 110,
      align: 'right',
      render: (v) => <Money fen={v} />,
    },
    { title: t('入仓日期', 'Listed on'), dataIndex: 'listedOn', key: 'listedOn', sorter: true, width: 110 },
    { title: t('在仓天数', 'Days'), dataIndex: 'daysInPool', width: 80, align: 'right' },
    { title: t('时限至', 'Limit'), dataIndex: 'expiresOn', width: 110 },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 260,
      render: (_, l) => (
        <Space size={4}>
          {l.status !== 'listed' && <Tag>{codeLabel(LISTING_STATUSES, l.status, locale)}</Tag>}
          {l.status === 'listed' && !l.available && <Tag color="red">{t('资产已变更，不可调剂', 'Changed; not available')}</Tag>}
          {l.pendingRequests > 0 && <Tag color="orange">{t(`${l.pendingRequests} 个申请`, `${l.pendingRequests} request(s)`)}</Tag>}
          {l.requestedByMe ? (
            <Tag color="blue">{t('已申请', 'Requested')}</Tag>
          ) : (
            l.status === 'listed' &&
            l.available &&
            can('pool.request') &&
            (committee || l.unitId !== me.unitId) && (
              <Button size="small" type="link" data-testid={`request-${l.cardNo}`} onClick={() => setAsking(l)}>
                {t('申请调剂', 'Request')}
              </Button>
            )
          )}
          {can('pool.decide') && REPAIRABLE.includes(l.status) && l.pendingRequests === 0 && (
            <Button size="small" type="link" data-testid={`repair-${l.cardNo}`} onClick={() => setRepairing(l)}>
              {t('送修', 'Repair')}
            </Button>
          )}
          {mayDescribe(l) && (
            <Button
              size="small"
              type="link"
              data-testid={`spec-${l.cardNo}`}
              onClick={() => {
                specForm.setFieldsValue({ spec: l.specAttributes });
                setDescribing(l);
              }}
            >
              {t('规格参数', 'Spec')}
            </Button>
          )}
          {mayWithdraw(l) && (
            <ConfirmButton
              size="small"
              type="link"
              danger
              confirm={t('撤回该入仓资产？', 'Withdraw this item from the pool?')}
              description={t('待审批的调剂申请将被驳回', 'Pending requests for it will be rejected')}
              successMessage={t('已撤回', 'Withdrawn')}
              onConfirm={async () => {
                await withdrawListing(l.id);
                await invalidate(URL);
              }}
            >
              {t('撤回', 'Withdraw')}
            </ConfirmButton>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('公物仓', 'Idle pool')}
        subTitle={t('各单位闲置、低效、超标资产，跨单位调剂使用', 'Idle and surplus assets of every unit, for reallocation')}
        extra={
          can('pool.offer') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/pool/offer')} data-testid="pool-offer">
              {t('资产入仓', 'Offer assets')}
            </Button>
          )
        }
      />
      <ServerTable<Listing>
        url={URL}
        columns={columns}
        filters={{ categoryId, condition, location, status, mine: mine ? 'true' : undefined, hasPhoto: hasPhoto ? 'true' : undefined }}
        search={t('编号、名称、规格、品牌、分类或单位', 'Number, name, spec, brand, category or unit')}
        tableProps={{ scroll: { x: 1580 } }}
        toolbar={
          <>
            <CategoryTreeSelect
              allowClear
              placeholder={t('资产分类', 'Category')}
              style={{ width: 200 }}
              value={categoryId}
              onChange={setCategoryId}
            />
            <Select
              allowClear
              placeholder={t('成色', 'Condition')}
              style={{ width: 150 }}
              value={condition}
              onChange={setCondition}
              options={optionsOf(POOL_CONDITIONS, locale)}
            />
            <Input.Search
              allowClear
              placeholder={t('存放地点', 'Location')}
              style={{ width: 160 }}
              onSearch={(v) => setLocation(v || undefined)}
            />
            <Select
              allowClear
              placeholder={t('在仓待调剂', 'In the pool')}
              style={{ width: 130 }}
              value={status}
              onChange={setStatus}
              options={optionsOf(LISTING_STATUSES, locale)}
            />
            <Button type={hasPhoto ? 'primary' : 'default'} onClick={() => setHasPhoto(!hasPhoto)} data-testid="pool-has-photo">
              {t('有照片', 'With photos')}
            </Button>
            {me.unitId && (
              <Button type={mine ? 'primary' : 'default'} onClick={() => setMine(!mine)}>
                {t('本单位入仓', 'Ours')}
              </Button>
            )}
          </>
        }
      />
      <Modal
        open={!!asking}
        title={asking ? `${t('申请调剂', 'Request')}：${asking.cardNo} ${asking.name}` : ''}
        okText={t('提交申请', 'Send request')}
        onOk={submitRequest}
        onCancel={() => setAsking(undefined)}
        destroyOnHidden
      >
        <p>
          {t('入仓单位', 'Offered by')}：{asking?.unitName}；{t('方式', 'Mode')}：{asking && codeLabel(POOL_MODES, asking.mode, locale)}；
          {t('净值', 'Net value')}：<Money fen={asking?.netValueFen} />
        </p>
        <Form form={form} layout="vertical" initialValues={{ kind: 'transfer' }}>
          <Form.Item name="kind" label={t('申请方式', 'Kind')}>
            <Radio.Group options={optionsOf(REQUEST_KINDS, locale)} data-testid="pool-kind" />
          </Form.Item>
          {kind === 'loan' && (
            <Form.Item
              name="dueOn"
              label={t('归还日期', 'Due date')}
              rules={[{ required: true, message: t('借用请填写归还日期', 'Give the due date') }]}
            >
              <DatePicker disabledDate={(d) => !d.isAfter(businessDay(), 'day')} data-testid="pool-due" />
            </Form.Item>
          )}
          {committee && (
            <Form.Item
              name="unitId"
              label={t('申请单位', 'Requesting unit')}
              rules={[{ required: true, message: t('请选择申请单位', 'Choose the unit') }]}
            >
              <UnitSelect />
            </Form.Item>
          )}
          <Form.Item
            name="purpose"
            label={t('用途', 'Purpose')}
            rules={[{ required: true, min: 2, message: t('请填写用途', 'Give the purpose') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="pool-purpose" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!repairing}
        title={t(`送修：${repairing?.cardNo ?? ''} ${repairing?.name ?? ''}`, `Send for repair: ${repairing?.cardNo ?? ''}`)}
        onCancel={() => setRepairing(undefined)}
        onOk={submitRepair}
        okText={t('送修', 'Send')}
        destroyOnHidden
      >
        <Form form={repairForm} layout="vertical">
          <Form.Item
            name="vendor"
            label={t('维修单位', 'Vendor')}
            rules={[{ required: true, message: t('请填写维修单位', 'Enter the vendor') }]}
          >
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="fault"
            label={t('故障或维修内容', 'Fault')}
            rules={[{ required: true, message: t('请填写故障', 'Describe the fault') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="estimateFen" label={t('预估费用（元）', 'Estimate')}>
            <YuanInput />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!describing}
        title={t(`规格参数：${describing?.cardNo ?? ''} ${describing?.name ?? ''}`, `Spec: ${describing?.cardNo ?? ''}`)}
        onCancel={() => setDescribing(undefined)}
        onOk={submitSpec}
        okText={t('保存', 'Save')}
        destroyOnHidden
      >
        <p style={{ color: '#888' }}>
          {t(
            '配置申请按资产分类和规格参数匹配公物仓资产；参数记入资产卡片履历。',
            'Configuration lines are matched on category and these; recorded on the card.',
          )}
        </p>
        <Form form={specForm} layout="vertical">
          <Row gutter={8}>
            <SpecAttributesFields name="spec" categoryCode={describing?.categoryCode ?? undefined} span={12} />
          </Row>
        </Form>
      </Modal>
    </>
  );
}

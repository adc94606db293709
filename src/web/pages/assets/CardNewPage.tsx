import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ACQUISITION_METHODS, DEPRECIATION_METHODS, FUNDING_SOURCES, USE_MODES, label } from '../../../shared/assets.enums.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CategoryTreeSelect, DepartmentSelect, RoomSelect, StaffSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useUnsavedGuard } from '../../components/useUnsavedGuard.ts';
import { useCategory } from '../catalog/api.ts';
import { registerCard } from './api.ts';
import { AttributeFields, attributesFromForm, MofFinanceFields } from './CardEditDrawer.tsx';

const DATE_FIELDS = ['acquiredOn', 'postedOn', 'inUseOn', 'warrantyUntil', 'manufacturedOn'] as const;
const options = (vocab: Record<string, readonly [string, string]>, locale: string) =>
  Object.entries(vocab).map(([k, v]) => ({ value: k, label: label(v, locale) }));

/** Hand-adding an asset the unit already has (期初登记); the card number is allocated on save. */
export default function CardNewPage() {
  const { t, locale } = useI18n();
  const { me, units } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const unsaved = useUnsavedGuard();
  const [saving, setSaving] = useState(false);
  const writable = units('card.write');
  const fixedUnit = writable !== 'all' && writable.length === 1 ? writable[0] : undefined;
  const unitId: string | undefined = Form.useWatch('unitId', form) ?? fixedUnit;
  const categoryId: string | undefined = Form.useWatch('categoryId', form);
  const departmentId: string | undefined = Form.useWatch('usingDepartmentId', form);
  const useMode: string | undefined = Form.useWatch('useMode', form);
  const category = useCategory(categoryId ?? null);

  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      const body: Record<string, unknown> = { ...v, unitId: v.unitId ?? fixedUnit };
      for (const k of DATE_FIELDS) body[k] = v[k] ? (v[k] as Dayjs).format('YYYY-MM-DD') : null;
      body.attributes = attributesFromForm(v.attributes as Record<string, unknown>);
      const ack = typeof v.standardAck === 'string' ? v.standardAck.trim() : '';
      body.standardAck = ack ? { reason: ack } : undefined;
      // The form holds the fields the server takes; it names any it refuses.
      const saved = await registerCard(body as Body<'/api/cards', 'post'>);
      message.success(t(`已登记，卡片编号 ${saved.cardNo}`, `Registered as ${saved.cardNo}`));
      unsaved.clean();
      navigate(`/cards/${saved.id}`);
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('登记资产卡片', 'Register a card')}
        back="/cards"
        breadcrumb={[{ title: t('资产卡片库', 'Card library'), path: '/cards' }, { title: t('登记', 'Register') }]}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        onValuesChange={unsaved.onValuesChange}
        scrollToFirstError
        initialValues={{
          unitId: fixedUnit ?? me.unitId ?? undefined,
          quantity: 1,
          acquisitionMethod: 'purchase',
          useMode: 'self_use',
          fundingSource: 'fiscal',
          accumulatedDepreciationFen: 0,
        }}
      >
        <Card size="small" title={t('基本信息', 'Basic')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            {!fixedUnit && (
              <Col xs={24} md={8}>
                <Form.Item name="unitId" label={t('产权单位', 'Owner unit')} rules={[{ required: true }]}>
                  <UnitSelect
                    onChange={(u) =>
                      form.setFieldsValue({ unitId: u, usingDepartmentId: undefined, custodianId: undefined, roomId: undefined })
                    }
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="categoryId" label={t('资产分类', 'Category')} rules={[{ required: true }]}>
                <CategoryTreeSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="name" label={t('资产名称', 'Name')} rules={[{ required: true, max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="spec" label={t('规格型号', 'Spec')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="brand" label={t('品牌', 'Brand')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="serialNo" label={t('序列号', 'Serial no.')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="quantity" label={t('数量', 'Quantity')} rules={[{ required: true }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="measureUnit" label={t('计量单位', 'Unit')}>
                <Input maxLength={10} placeholder={category.data?.measureUnit ?? '台'} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="acquisitionMethod" label={t('取得方式', 'Acquired by')} rules={[{ required: true }]}>
                <Select options={options(ACQUISITION_METHODS, locale)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="acquiredOn" label={t('取得日期', 'Acquired on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="supplier" label={t('供应商', 'Supplier')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="warrantyUntil" label={t('保修截止', 'Warranty until')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('财务信息', 'Finance')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="originalValueFen" label={t('原值（元）', 'Original value (yuan)')} rules={[{ required: true }]}>
                <YuanInput min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="accumulatedDepreciationFen" label={t('累计折旧（元）', 'Accumulated depreciation (yuan)')}>
                <YuanInput min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="fundingSource" label={t('资金来源', 'Funding')}>
                <Select allowClear options={options(FUNDING_SOURCES, locale)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="postedOn" label={t('入账日期', 'Posted on')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="voucherNo" label={t('会计凭证号', 'Voucher no.')}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="openingDepreciatedMonths"
                label={t('已提折旧月数', 'Months depreciated')}
                extra={t('期初卡片：累计折旧所含的月数；不填按入账月至上月计', 'Opening cards: the months the accumulated amount holds')}
              >
                <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="supplementReason"
                label={t('补录理由', 'Reason for a late registration')}
                extra={t(
                  '账套接管后登记的卡片须填写，保存后待单位财务审核入账',
                  "Needed after the takeover: the card then awaits finance's posting",
                )}
              >
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="standardAck"
                label={t('超标准确认理由', 'Over-standard acknowledgement')}
                extra={t(
                  '单价超出配置标准（按使用人职级、会议室面积核定）时须填写，记入卡片履历',
                  "Needed when the price is over the allocation standard's cap; recorded on the card's history",
                )}
              >
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="depreciationMethod" label={t('折旧方法', 'Depreciation')}>
                <Select allowClear placeholder={t('按分类默认', 'Category default')} options={options(DEPRECIATION_METHODS, locale)} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', columnGap: 12 }}>
                <MofFinanceFields registering />
              </div>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="usefulLifeMonths"
                label={t('使用年限（月）', 'Useful life (months)')}
                extra={t('不得低于分类（房屋按结构）的最低折旧年限', 'Not below the category minimum (buildings: by structure)')}
              >
                <InputNumber
                  min={0}
                  max={1200}
                  precision={0}
                  style={{ width: '100%' }}
                  placeholder={category.data?.usefulLifeMonths != null ? String(category.data.usefulLifeMonths) : undefined}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('使用与存放', 'Use and location')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="useMode" label={t('使用方式', 'Use mode')}>
                <Select options={options(USE_MODES, locale)} />
              </Form.Item>
            </Col>
            {(useMode === 'rented' || useMode === 'lent') && (
              <Col xs={24} md={8}>
                <Form.Item name="counterparty" label={t('对方单位', 'Counterparty')} rules={[{ required: true }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="usingDepartmentId" label={t('使用部门', 'Department')}>
                <DepartmentSelect
                  unitId={unitId}
                  allowClear
                  onChange={(d) => form.setFieldsValue({ usingDepartmentId: d, custodianId: undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="custodianId" label={t('保管人', 'Custodian')}>
                <StaffSelect unitId={unitId} departmentId={departmentId} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="roomId" label={t('存放地点', 'Location')}>
                <RoomSelect unitId={unitId} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="inUseOn" label={t('投入使用日期', 'In use since')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {category.data && category.data.attributeSet !== 'none' && (
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            title={
              category.data.attributeSet === 'building' || category.data.attributeSet === 'land'
                ? t('房屋土地', 'Buildings and land')
                : category.data.attributeSet === 'vehicle'
                  ? t('车辆', 'Vehicle')
                  : t('扩展属性', 'Attributes')
            }
          >
            <div style={{ maxWidth: 480 }}>
              <AttributeFields attributeSet={category.data.attributeSet} />
            </div>
          </Card>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('登记', 'Register')}
          </Button>
          <Button onClick={() => navigate('/cards')}>{t('取消', 'Cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

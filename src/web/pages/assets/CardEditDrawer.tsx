import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { BUILDING_STRUCTURES } from '../../../shared/assets.contracts.ts';
import {
  ASSET_USES,
  FUNDING_SOURCES,
  LAND_RIGHT_TYPES,
  OWNERSHIP_NATURES,
  PROCUREMENT_FORMS,
  VALUE_TYPES,
  VEHICLE_ESTABLISHMENTS,
  VEHICLE_ORIGINS,
  VEHICLE_USES,
  label,
} from '../../../shared/assets.enums.ts';
import { YuanInput } from '../../components/Money.tsx';
import { ApiError, type Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useCloseGuard, useUnsavedGuard } from '../../components/useUnsavedGuard.ts';
import { type CardView, updateCard } from './api.ts';

const opts = (vocab: Record<string, readonly [string, string]>, locale: string) =>
  Object.entries(vocab).map(([k, v]) => ({ value: k, label: label(v, locale) }));
const DATE_ATTRS = ['certIssuedOn', 'completedOn'] as const;

/** Attribute dates travel as 'YYYY-MM-DD'; the form holds dayjs values. */
export const attributesToForm = (a: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(a ?? {}).map(([k, v]) => [k, (DATE_ATTRS as readonly string[]).includes(k) && typeof v === 'string' ? dayjs(v) : v]),
  );
export const attributesFromForm = (a: Record<string, unknown> | undefined) =>
  a &&
  Object.fromEntries(
    Object.entries(a)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v]),
  );

/** The Ministry's card fields (财务信息): shared by the new-card form and the edit drawer. */
export function MofFinanceFields({ registering = false }: { registering?: boolean }) {
  const { t, locale } = useI18n();
  const valueTypes = opts(VALUE_TYPES, locale).filter((o) => registering || o.value !== 'nominal');
  return (
    <>
      <Form.Item name="valueType" label={t('价值类型', 'Value type')}>
        <Select allowClear placeholder={t('原值', 'Historical cost')} options={valueTypes} />
      </Form.Item>
      <Form.Item
        name="fiscalFundingFen"
        label={t('财政拨款（元）', 'Fiscal funding (yuan)')}
        extra={t('财政拨款 + 非财政拨款 = 原值；只填一项时另一项为差额', 'Fiscal + non-fiscal = original value')}
      >
        <YuanInput min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="nonFiscalFundingFen" label={t('非财政拨款（元）', 'Non-fiscal funding (yuan)')}>
        <YuanInput min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="procurementForm" label={t('采购组织形式', 'Procurement form')}>
        <Select allowClear options={opts(PROCUREMENT_FORMS, locale)} />
      </Form.Item>
      <Form.Item name="assetUse" label={t('资产用途', 'Asset use')}>
        <Select allowClear options={opts(ASSET_USES, locale)} />
      </Form.Item>
      <Form.Item name="manufacturer" label={t('生产厂家', 'Manufacturer')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="originCountry" label={t('国别/产地', 'Origin')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="manufacturedOn" label={t('出厂日期', 'Manufactured on')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="contractNo" label={t('合同编号', 'Contract no.')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="invoiceNo" label={t('发票号', 'Invoice no.')}>
        <Input maxLength={64} />
      </Form.Item>
    </>
  );
}

/** Category-specific attribute fields; shared by the new-card form and the edit drawer. */
export function AttributeFields({ attributeSet }: { attributeSet: string }) {
  const { t, locale } = useI18n();
  const a = (k: string) => ['attributes', k];
  const area = (k: string, zh: string, en: string) => (
    <Form.Item name={a(k)} label={t(zh, en)}>
      <InputNumber min={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  if (attributeSet === 'building' || attributeSet === 'land') {
    return (
      <>
        {attributeSet === 'building' && (
          <Form.Item
            name={a('structure')}
            label={t('结构', 'Structure')}
            rules={[{ required: true }]}
            extra={t('最低折旧年限按结构：钢结构、钢混 50 年，砖混、砖木 30 年，简易 8 年', 'Minimum life by structure')}
          >
            <Select options={opts(BUILDING_STRUCTURES, locale)} />
          </Form.Item>
        )}
        <Form.Item name={a('area')} label={t('面积（㎡）', 'Area (m²)')} rules={[{ required: true }]}>
          <InputNumber min={0.01} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={a('ownershipNature')} label={t('权属性质', 'Ownership')}>
          <Select allowClear options={opts(OWNERSHIP_NATURES, locale)} />
        </Form.Item>
        <Form.Item name={a('titleCertNo')} label={t('不动产权证号', 'Title certificate no.')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name={a('certIssuedOn')} label={t('发证日期', 'Issued on')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={a('address')} label={t('坐落位置', 'Address')}>
          <Input maxLength={200} />
        </Form.Item>
        {attributeSet === 'land' && (
          <Form.Item name={a('landRightType')} label={t('土地使用权类型', 'Land right')}>
            <Select allowClear options={opts(LAND_RIGHT_TYPES, locale)} />
          </Form.Item>
        )}
        {attributeSet === 'building' && (
          <Space>
            <Form.Item name={a('floorsAbove')} label={t('地上层数', 'Floors above')}>
              <InputNumber min={0} max={200} precision={0} />
            </Form.Item>
            <Form.Item name={a('floorsBelow')} label={t('地下层数', 'Floors below')}>
              <InputNumber min={0} max={20} precision={0} />
            </Form.Item>
          </Space>
        )}
        {attributeSet === 'building' && (
          <Form.Item name={a('completedOn')} label={t('竣工日期', 'Completed on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {area('areaSelfUse', '自用面积（㎡）', 'Own use (m²)')}
        {area('areaRented', '出租面积（㎡）', 'Rented (m²)')}
        {area('areaLent', '出借面积（㎡）', 'Lent (m²)')}
        {area('areaIdle', '闲置面积（㎡）', 'Idle (m²)')}
      </>
    );
  }
  if (attributeSet === 'vehicle') {
    return (
      <>
        <Form.Item name={a('plateNo')} label={t('车牌号', 'Plate no.')} rules={[{ required: true }]}>
          <Input placeholder="京A12345" />
        </Form.Item>
        <Form.Item name={a('vehicleUse')} label={t('车辆用途', 'Vehicle use')}>
          <Select allowClear options={opts(VEHICLE_USES, locale)} />
        </Form.Item>
        <Form.Item name={a('establishment')} label={t('编制情况', 'Establishment')}>
          <Select allowClear options={opts(VEHICLE_ESTABLISHMENTS, locale)} />
        </Form.Item>
        <Form.Item name={a('displacement')} label={t('排气量（升）', 'Displacement (L)')}>
          <InputNumber min={0} max={30} step={0.1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={a('vin')} label={t('车架号', 'VIN')}>
          <Input maxLength={17} />
        </Form.Item>
        <Form.Item name={a('engineNo')} label={t('发动机号', 'Engine no.')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name={a('seats')} label={t('座位数', 'Seats')}>
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={a('vehicleOrigin')} label={t('国产/进口', 'Domestic / imported')}>
          <Select allowClear options={opts(VEHICLE_ORIGINS, locale)} />
        </Form.Item>
      </>
    );
  }
  if (attributeSet === 'it') {
    return (
      <>
        <Form.Item name={['attributes', 'ip']} label={t('IP 地址', 'IP address')}>
          <Input />
        </Form.Item>
        <Form.Item name={['attributes', 'mac']} label={t('MAC 地址', 'MAC address')}>
          <Input placeholder="00:1A:2B:3C:4D:5E" />
        </Form.Item>
        <Form.Item name={['attributes', 'rack']} label={t('机柜', 'Rack')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name={['attributes', 'uStart']} label={t('起始 U 位', 'Start U')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name={['attributes', 'uHeight']} label={t('占用 U 数', 'Height (U)')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
        </Space>
      </>
    );
  }
  return null;
}

const dateOrNull = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * Direct edit of a card's descriptive fields. Value, status and custody change through documents.
 * The card's version travels with the edit: if someone changed it meanwhile, the server says so.
 */
export function CardEditDrawer({ card, onClose }: { card: CardView; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const unsaved = useUnsavedGuard();
  const qc = useQueryClient();
  // Closing the drawer on changes asks first, like leaving a changed page.
  const guard = useCloseGuard(true, onClose);
  const onValuesChange = () => {
    unsaved.onValuesChange();
    guard.onValuesChange();
  };
  const [saving, setSaving] = useState(false);
  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      await updateCard(card.id, {
        ...(v as Body<'/api/cards/{id}', 'patch'>),
        expectVersion: card.version,
        warrantyUntil: dateOrNull(v.warrantyUntil as Dayjs),
        inUseOn: dateOrNull(v.inUseOn as Dayjs),
        manufacturedOn: dateOrNull(v.manufacturedOn as Dayjs),
        attributes: attributesFromForm(v.attributes as Record<string, unknown>),
      });
      message.success(t('已保存', 'Saved'));
      unsaved.clean();
      await qc.invalidateQueries({ queryKey: ['card', card.id] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.body.error === 'stale') {
        message.warning(
          t('卡片已被他人修改，已重新载入，请核对后再改', 'Someone changed the card; it was reloaded — check and edit again'),
        );
        await qc.invalidateQueries({ queryKey: ['card', card.id] });
        onClose();
      } else showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open
      title={t('修改卡片信息', 'Edit card')}
      width="min(480px, 100vw)"
      onClose={guard.close}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t('保存', 'Save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        onValuesChange={onValuesChange}
        initialValues={{
          name: card.name,
          spec: card.spec,
          brand: card.brand,
          serialNo: card.serialNo,
          measureUnit: card.measureUnit,
          fundingSource: card.fundingSource,
          voucherNo: card.voucherNo,
          supplier: card.supplier,
          warrantyUntil: card.warrantyUntil ? dayjs(card.warrantyUntil) : null,
          inUseOn: card.inUseOn ? dayjs(card.inUseOn) : null,
          attributes: attributesToForm(card.attributes),
          valueType: card.valueType,
          fiscalFundingFen: card.fiscalFundingFen,
          nonFiscalFundingFen: card.nonFiscalFundingFen,
          procurementForm: card.procurementForm,
          assetUse: card.assetUse,
          manufacturer: card.manufacturer,
          originCountry: card.originCountry,
          manufacturedOn: card.manufacturedOn ? dayjs(card.manufacturedOn) : null,
          contractNo: card.contractNo,
          invoiceNo: card.invoiceNo,
        }}
      >
        <Form.Item name="name" label={t('资产名称', 'Name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="spec" label={t('规格型号', 'Spec')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="brand" label={t('品牌', 'Brand')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="serialNo" label={t('序列号', 'Serial no.')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="measureUnit" label={t('计量单位', 'Measure unit')}>
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="fundingSource" label={t('资金来源', 'Funding')}>
          <Select allowClear options={Object.entries(FUNDING_SOURCES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
        </Form.Item>
        <Form.Item name="voucherNo" label={t('会计凭证号', 'Voucher no.')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="supplier" label={t('供应商', 'Supplier')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="warrantyUntil" label={t('保修截止', 'Warranty until')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inUseOn" label={t('投入使用日期', 'In use since')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {card.valueType !== 'nominal' && <MofFinanceFields />}
        <AttributeFields attributeSet={card.categoryAttributeSet} />
        <Form.Item name="note" label={t('修改说明', 'Reason for the change')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

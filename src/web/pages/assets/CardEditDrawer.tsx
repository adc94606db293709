import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { BUILDING_STRUCTURES, type CardDetail } from '../../../shared/assets.contracts.ts';
import { FUNDING_SOURCES, label } from '../../../shared/assets.enums.ts';
import { api, ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';

/** Category-specific attribute fields; shared by the new-card form and the edit drawer. */
export function AttributeFields({ attributeSet }: { attributeSet: string }) {
  const { t, locale } = useI18n();
  if (attributeSet === 'building' || attributeSet === 'land') {
    return (
      <>
        {attributeSet === 'building' && (
          <Form.Item name={['attributes', 'structure']} label={t('结构', 'Structure')} rules={[{ required: true }]}>
            <Select options={Object.entries(BUILDING_STRUCTURES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
          </Form.Item>
        )}
        <Form.Item name={['attributes', 'area']} label={t('面积（㎡）', 'Area (m²)')} rules={[{ required: true }]}><InputNumber min={0.01} style={{ width: '100%' }} /></Form.Item>
      </>
    );
  }
  if (attributeSet === 'vehicle') {
    return <Form.Item name={['attributes', 'plateNo']} label={t('车牌号', 'Plate no.')} rules={[{ required: true }]}><Input placeholder="京A12345" /></Form.Item>;
  }
  if (attributeSet === 'it') {
    return (
      <>
        <Form.Item name={['attributes', 'ip']} label={t('IP 地址', 'IP address')}><Input /></Form.Item>
        <Form.Item name={['attributes', 'mac']} label={t('MAC 地址', 'MAC address')}><Input placeholder="00:1A:2B:3C:4D:5E" /></Form.Item>
        <Form.Item name={['attributes', 'rack']} label={t('机柜', 'Rack')}><Input /></Form.Item>
        <Space>
          <Form.Item name={['attributes', 'uStart']} label={t('起始 U 位', 'Start U')}><InputNumber min={1} max={60} /></Form.Item>
          <Form.Item name={['attributes', 'uHeight']} label={t('占用 U 数', 'Height (U)')}><InputNumber min={1} max={60} /></Form.Item>
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
export function CardEditDrawer({ card, onClose }: { card: CardDetail; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const qc = useQueryClient();
  const [saving, setSaving] = useState(false);
  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      await api.patch(`/api/cards/${card.id}`, {
        ...v, expectVersion: card.version,
        warrantyUntil: dateOrNull(v.warrantyUntil as Dayjs), inUseOn: dateOrNull(v.inUseOn as Dayjs),
      });
      message.success(t('已保存', 'Saved'));
      await qc.invalidateQueries({ queryKey: ['card', card.id] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.body.error === 'stale') {
        message.warning(t('卡片已被他人修改，已重新载入，请核对后再改', 'Someone changed the card; it was reloaded — check and edit again'));
        await qc.invalidateQueries({ queryKey: ['card', card.id] });
        onClose();
      } else showErrors(e);
    } finally { setSaving(false); }
  };
  return (
    <Drawer open title={t('修改卡片信息', 'Edit card')} width={480} onClose={onClose}
      extra={<Button type="primary" loading={saving} onClick={() => form.submit()}>{t('保存', 'Save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{
        name: card.name, spec: card.spec, brand: card.brand, serialNo: card.serialNo, measureUnit: card.measureUnit,
        fundingSource: card.fundingSource, voucherNo: card.voucherNo, supplier: card.supplier,
        warrantyUntil: card.warrantyUntil ? dayjs(card.warrantyUntil) : null, inUseOn: card.inUseOn ? dayjs(card.inUseOn) : null,
        attributes: card.attributes,
      }}>
        <Form.Item name="name" label={t('资产名称', 'Name')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="spec" label={t('规格型号', 'Spec')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="brand" label={t('品牌', 'Brand')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="serialNo" label={t('序列号', 'Serial no.')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="measureUnit" label={t('计量单位', 'Measure unit')}><Input maxLength={10} /></Form.Item>
        <Form.Item name="fundingSource" label={t('资金来源', 'Funding')}>
          <Select allowClear options={Object.entries(FUNDING_SOURCES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
        </Form.Item>
        <Form.Item name="voucherNo" label={t('凭证号', 'Voucher no.')}><Input maxLength={64} /></Form.Item>
        <Form.Item name="supplier" label={t('供应商', 'Supplier')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="warrantyUntil" label={t('保修截止', 'Warranty until')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="inUseOn" label={t('投入使用日期', 'In use since')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <AttributeFields attributeSet={card.categoryAttributeSet} />
        <Form.Item name="note" label={t('修改说明', 'Reason for the change')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Drawer>
  );
}

import { useEffect } from 'react';
import { App, Button, Descriptions, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import { ATTRIBUTE_SETS, type CategoryPatch, type CategoryView } from '../../../shared/catalog.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { useUpdateCategory } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useUnsavedGuard } from '../../components/useUnsavedGuard.ts';

const years = (m: number | null) => (m == null ? '—' : m % 12 === 0 ? `${m / 12} 年（${m} 月）` : `${m} 月`);

/** One category's details; editable (everything but edition and code) with catalog.write. */
export function CategoryForm({ category, editable }: { category: CategoryView; editable: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryPatch>();
  const showErrors = useFormErrors(form);
  const unsaved = useUnsavedGuard(editable);
  const { clean } = unsaved;
  useEffect(() => {
    form.setFieldsValue(category);
    clean();
  }, [category, form, clean]);
  const update = useUpdateCategory(category.id);
  const save = (patch: CategoryPatch) =>
    update.mutate(patch, {
      onSuccess: () => {
        unsaved.clean();
        message.success(t('已保存', 'Saved'));
      },
      onError: showErrors,
    });
  const attributeOptions = Object.entries(ATTRIBUTE_SETS).map(([value, pair]) => ({ value, label: label(pair, locale) }));
  const head = (
    <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('版本', 'Edition')}>GB/T 14885-{category.edition}</Descriptions.Item>
      <Descriptions.Item label={t('编码', 'Code')}>
        <code>{category.code}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t('层级', 'Level')}>{category.level}</Descriptions.Item>
      <Descriptions.Item label={t('上级编码', 'Parent code')}>{category.parentCode ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
  if (!editable) {
    return (
      <>
        {head}
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('名称', 'Name')}>{category.name}</Descriptions.Item>
          <Descriptions.Item label={t('最低使用年限', 'Useful life')}>{years(category.usefulLifeMonths)}</Descriptions.Item>
          <Descriptions.Item label={t('是否计提折旧', 'Depreciated')}>
            {category.depreciable ? t('是', 'Yes') : <Tag>{t('不计提', 'No')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('资本化标准', 'Capitalisation threshold')}>
            <Money fen={category.capitalizationThresholdFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('属性集', 'Attribute set')}>{label(ATTRIBUTE_SETS[category.attributeSet], locale)}</Descriptions.Item>
          <Descriptions.Item label={t('计量单位', 'Measure unit')}>{category.measureUnit}</Descriptions.Item>
          <Descriptions.Item label={t('启用', 'Active')}>{category.active ? t('是', 'Yes') : t('否', 'No')}</Descriptions.Item>
        </Descriptions>
      </>
    );
  }
  return (
    <>
      {head}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 7 }}
        wrapperCol={{ span: 15 }}
        onValuesChange={unsaved.onValuesChange}
        onFinish={save}
      >
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('名称必填', 'Name is required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="usefulLifeMonths"
          label={t('最低使用年限（月）', 'Useful life (months)')}
          extra={t('财会〔2017〕4号；空表示不适用', 'From 财会〔2017〕4号; empty: not applicable')}
        >
          <InputNumber min={1} max={1200} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="depreciable" label={t('计提折旧', 'Depreciated')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="capitalizationThresholdFen" label={t('资本化标准（元）', 'Capitalisation threshold (yuan)')}>
          <YuanInput style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="attributeSet" label={t('属性集', 'Attribute set')}>
          <Select options={attributeOptions} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="measureUnit" label={t('计量单位', 'Measure unit')} rules={[{ required: true }]}>
          <Input maxLength={10} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 7 }}>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('保存', 'Save')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

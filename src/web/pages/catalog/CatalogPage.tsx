import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Spin, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ATTRIBUTE_SETS, CODE_HINTS, type CategoryCreate, type CategoryView, type Edition } from '../../../shared/catalog.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useCategory, useCategoryTree, useCreateCategory } from './api.ts';
import { CategoryForm } from './CategoryForm.tsx';
import { CategoryImport } from './CategoryImport.tsx';
import { CategoryTree } from './CategoryTree.tsx';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

/** 资产分类: the GB/T 14885 tree of either edition, a category's details, new categories, and import. */
export default function CatalogPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const editable = can('catalog.write');
  const [edition, setEdition] = useState<Edition>('2010');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const tree = useCategoryTree(edition);
  const detail = useCategory(selected);
  return (
    <>
      <PageHeader
        title={t('资产分类', 'Asset categories')}
        subTitle={t('GB/T 14885 固定资产分类与代码', 'GB/T 14885 classification and codes')}
        extra={
          editable && (
            <Space>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('新增分类', 'New category')}
              </Button>
              <CategoryImport />
            </Space>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={
              <Segmented<Edition>
                value={edition}
                onChange={(v) => {
                  setEdition(v);
                  setSelected(null);
                }}
                options={[
                  { value: '2010', label: t('2010 版', '2010 edition') },
                  { value: '2022', label: t('2022 版', '2022 edition') },
                ]}
              />
            }
          >
            <CategoryTree tree={tree.data} loading={tree.isLoading} selected={selected} onSelect={setSelected} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={detail.data ? `${detail.data.code} ${detail.data.name}` : t('分类详情', 'Category details')}>
            {!selected ? (
              <Empty description={t('在左侧选择一个分类', 'Select a category on the left')} />
            ) : detail.isLoading || !detail.data ? (
              <Spin />
            ) : (
              <CategoryForm key={detail.data.id} category={detail.data} editable={editable} />
            )}
          </Card>
        </Col>
      </Row>
      {creating && (
        <NewCategoryModal
          edition={edition}
          parent={detail.data?.edition === edition ? detail.data : undefined}
          locale={locale}
          onClose={(id) => {
            setCreating(false);
            if (id) setSelected(id);
          }}
        />
      )}
    </>
  );
}

function NewCategoryModal({
  edition,
  parent,
  locale,
  onClose,
}: {
  edition: Edition;
  parent?: CategoryView;
  locale: string;
  onClose: (id?: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryCreate>();
  const guard = useCloseGuard(true, () => onClose());
  const showErrors = useFormErrors(form);
  const create = useCreateCategory(edition);
  const submit = (v: CategoryCreate) =>
    create.mutate(v, {
      onSuccess: (c) => {
        message.success(t(`已新增 ${c.code} ${c.name}`, `Created ${c.code} ${c.name}`));
        onClose(c.id);
      },
      onError: showErrors,
    });
  const initial = {
    usefulLifeMonths: parent?.usefulLifeMonths ?? null,
    depreciable: parent?.depreciable ?? true,
    capitalizationThresholdFen: parent?.capitalizationThresholdFen ?? 100000,
    attributeSet: parent?.attributeSet ?? 'none',
    measureUnit: parent?.measureUnit ?? '台',
    active: true,
  };
  return (
    <Modal
      open
      title={t(`新增分类（${edition} 版）`, `New category (${edition} edition)`)}
      onCancel={guard.close}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('保存', 'Save')}
    >
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={guard.onValuesChange} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('编码', 'Code')}
          extra={`${CODE_HINTS[edition]}${parent ? t(`；上级 ${parent.code} ${parent.name}`, `; parent ${parent.code}`) : ''}`}
          rules={[{ required: true, message: t('编码必填', 'Code is required') }]}
        >
          <Input maxLength={20} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('名称必填', 'Name is required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="usefulLifeMonths" label={t('使用年限（月）', 'Useful life (months)')}>
            <InputNumber min={1} max={1200} precision={0} />
          </Form.Item>
          <Form.Item name="capitalizationThresholdFen" label={t('资本化标准（元）', 'Threshold (yuan)')}>
            <YuanInput />
          </Form.Item>
          <Form.Item name="measureUnit" label={t('计量单位', 'Measure unit')}>
            <Input maxLength={10} style={{ width: 90 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="attributeSet" label={t('属性集', 'Attribute set')}>
            <Select
              style={{ width: 160 }}
              options={Object.entries(ATTRIBUTE_SETS).map(([value, pair]) => ({ value, label: label(pair, locale) }))}
            />
          </Form.Item>
          <Form.Item name="depreciable" label={t('计提折旧', 'Depreciated')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

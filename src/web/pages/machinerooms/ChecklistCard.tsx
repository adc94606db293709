import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { INSPECTION_CATEGORIES, INSPECTION_ITEM_KINDS, type ChecklistItemView } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { checklistKey, saveChecklist, useChecklist } from './api.ts';
import { rangeText } from './InspectionsPage.tsx';
import { labelOf, optionsOf } from './labels.ts';

/** A room's inspection checklist (巡检项) with the ranges; the committee edits it as a whole. */
export function ChecklistCard({ roomId, manage }: { roomId: string; manage: boolean }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { data } = useChecklist(roomId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Body<'/api/machine-rooms/{id}/checklist', 'put'>>();
  const { saving, submit } = useFormSubmit(
    form,
    (v) => saveChecklist(roomId, v),
    () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: checklistKey(roomId) });
    },
  );
  return (
    <Card
      size="small"
      title={t('巡检项', 'Inspection checklist')}
      style={{ marginTop: 24 }}
      extra={
        manage && (
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({ items: data?.items ?? [] });
              setOpen(true);
            }}
          >
            {t('编辑巡检项', 'Edit')}
          </Button>
        )
      }
    >
      <Table<ChecklistItemView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items}
        columns={[
          {
            title: t('类别', 'Category'),
            dataIndex: 'category',
            width: 100,
            render: (v: string) => labelOf(INSPECTION_CATEGORIES, v, locale),
          },
          { title: t('巡检项', 'Item'), dataIndex: 'label' },
          { title: t('方式', 'Kind'), dataIndex: 'kind', width: 80, render: (v: string) => labelOf(INSPECTION_ITEM_KINDS, v, locale) },
          { title: t('正常范围', 'Range'), key: 'range', width: 160, render: (_, r) => rangeText(r) },
        ]}
      />
      <Modal
        open={open}
        width={860}
        title={t('编辑巡检项', 'Edit the checklist')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} onFinish={submit}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'category']} rules={[{ required: true }]}>
                      <Select style={{ width: 110 }} options={optionsOf(INSPECTION_CATEGORIES, locale)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                      <Input style={{ width: 220 }} placeholder={t('巡检项', 'Item')} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select style={{ width: 90 }} options={optionsOf(INSPECTION_ITEM_KINDS, locale)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minValue']}>
                      <InputNumber style={{ width: 90 }} placeholder={t('下限', 'Min')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'maxValue']}>
                      <InputNumber style={{ width: 90 }} placeholder={t('上限', 'Max')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']}>
                      <Input style={{ width: 70 }} placeholder={t('单位', 'Unit')} maxLength={20} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('删除', 'Remove')} />
                  </Space>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ category: 'temperature', kind: 'reading' })}>
                  {t('增加巡检项', 'Add an item')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import type { EditionMapRow } from '../../../shared/reportset.contracts.ts';
import { deleteEditionMapRow, importEditionMap, saveEditionMapRow, useEditionMap } from './api.ts';

type Row = EditionMapRow & { name2010: string | null; name2022: string | null; updatedAt: string };

/** 分类版本对照: GB/T 14885-2010 codes and the 2022 class their cards report under in the monthly set. */
export default function EditionMapPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const canEdit = can('catalog.write');
  const [editing, setEditing] = useState<Partial<EditionMapRow> | null>(null);
  const [form] = Form.useForm<EditionMapRow>();
  const list = useEditionMap();
  const save = async () => {
    try {
      await saveEditionMapRow(await form.validateFields());
      message.success(t('已保存', 'Saved'));
      setEditing(null);
      void list.refetch();
    } catch (err) {
      showError(err);
    }
  };
  const remove = async (code: string) => {
    try {
      await deleteEditionMapRow(code);
      void list.refetch();
    } catch (err) {
      showError(err);
    }
  };
  const importFile = async (file: File) => {
    try {
      const r = await importEditionMap(file);
      message.success(t(`已导入：新增 ${r.inserted} 条，更新 ${r.updated} 条`, `Imported: ${r.inserted} new, ${r.updated} updated`));
      void list.refetch();
    } catch (err) {
      showError(err);
    }
    return false;
  };
  return (
    <div>
      <PageHeader
        title={t('分类版本对照（GB/T 14885 2010→2022）', 'Classification editions (2010 → 2022)')}
        subTitle={t(
          '月报按 2022 版分类汇总：2010 版卡片按其最近的已对照上级归入对应的 2022 版类别',
          'The monthly set rolls 2010 codes into 2022 classes',
        )}
        extra={
          canEdit && (
            <Space>
              <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
                <Button icon={<UploadOutlined />}>{t('导入对照文件', 'Import')}</Button>
              </Upload>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  form.resetFields();
                  setEditing({});
                }}
              >
                {t('新增对照', 'Add')}
              </Button>
            </Space>
          )
        }
      />
      <Table<Row>
        rowKey="code2010"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('2010 版编码', '2010 code'), dataIndex: 'code2010' },
          { title: t('2010 版名称', '2010 name'), dataIndex: 'name2010' },
          { title: t('2022 版编码', '2022 code'), dataIndex: 'code2022' },
          { title: t('2022 版名称', '2022 name'), dataIndex: 'name2022' },
          { title: t('说明', 'Note'), dataIndex: 'note' },
          ...(canEdit
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'a',
                  render: (_: unknown, r: Row) => (
                    <Space>
                      <a
                        onClick={() => {
                          form.setFieldsValue({ code2010: r.code2010, code2022: r.code2022, note: r.note ?? '' });
                          setEditing(r);
                        }}
                      >
                        {t('修改', 'Edit')}
                      </a>
                      <Popconfirm
                        title={t(`删除 ${r.code2010} 的对照？`, `Delete ${r.code2010}?`)}
                        onConfirm={() => void remove(r.code2010)}
                      >
                        <a>{t('删除', 'Delete')}</a>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={!!editing} title={t('版本对照', 'Edition mapping')} onCancel={() => setEditing(null)} onOk={() => void save()}>
        <Form form={form} layout="vertical">
          <Form.Item name="code2010" label={t('2010 版编码（7 位）', '2010 code')} rules={[{ required: true, pattern: /^\d{7}$/ }]}>
            <Input disabled={!!editing?.code2010} />
          </Form.Item>
          <Form.Item name="code2022" label={t('2022 版编码（A + 8 位）', '2022 code')} rules={[{ required: true, pattern: /^A\d{8}$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { UnitView } from '../../../shared/org.contracts.ts';
import { saveUnit } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

interface UnitForm {
  code: string;
  name: string;
  shortName?: string | null;
  classified: boolean;
  sort: number;
  active: boolean;
  establishmentQuota?: number | null;
  leaderName?: string | null;
  financeHeadName?: string | null;
}

/** A unit's fields; the server's field errors (a duplicate code…) show beside them. */
function UnitModal({ unit, onClose }: { unit: UnitView | null | 'new'; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const guard = useCloseGuard(!!unit, () => onClose(false));
  const [form] = Form.useForm<UnitForm>();
  const editing = unit && unit !== 'new' ? unit : null;
  const { saving, submit: save } = useFormSubmit(
    form,
    async (v: UnitForm) => {
      await saveUnit(editing?.id ?? null, v);
    },
    () => onClose(true),
  );
  return (
    <Modal
      open={!!unit}
      title={editing ? t('修改单位', 'Edit unit') : t('新建单位', 'New unit')}
      onCancel={guard.close}
      destroyOnHidden
      footer={[
        <Button key="cancel" autoInsertSpace={false} onClick={guard.close}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="save" type="primary" autoInsertSpace={false} loading={saving} onClick={() => form.submit()}>
          {t('保存', 'Save')}
        </Button>,
      ]}
    >
      <Form<UnitForm>
        onValuesChange={guard.onValuesChange}
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={editing ? { ...editing } : { classified: false, sort: 0, active: true }}
      >
        <Form.Item
          name="code"
          label={t('单位编码', 'Unit code')}
          rules={[{ required: true, pattern: /^\d{3,12}$/, message: t('单位编码为 3–12 位数字', '3–12 digits') }]}
        >
          <Input maxLength={12} />
        </Form.Item>
        <Form.Item name="name" label={t('单位名称', 'Name')} rules={[{ required: true, message: t('请填写单位名称', 'Enter the name') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('简称', 'Short name')}>
          <Input maxLength={50} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="sort" label={t('排序', 'Sort order')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="classified" label={t('涉密单位', 'Classified')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {/* The monthly report set's 机构人员情况 and its cover (报表封面). */}
        <Space size="large" wrap>
          <Form.Item name="establishmentQuota" label={t('编制数', 'Authorised posts')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="leaderName" label={t('单位负责人', 'Head of unit')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="financeHeadName" label={t('财务负责人', 'Head of finance')}>
            <Input maxLength={50} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 单位: the committee and the 委办局, with their codes, departments and headcount. */
export default function UnitListPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const refresh = useInvalidateList();
  const [editing, setEditing] = useState<UnitView | null | 'new'>(null);
  const [active, setActive] = useState<string | undefined>('true');
  const canWrite = can('org.unit.write');

  const columns: TableColumnsType<UnitView> = [
    { title: t('单位编码', 'Code'), dataIndex: 'code', key: 'code', sorter: true, width: 110 },
    {
      title: t('单位名称', 'Name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (v, r) => (
        <Space>
          {v}
          {r.kind === 'committee' && <Tag color="blue">{t('管委会', 'Committee')}</Tag>}
          {r.classified && <Tag color="red">{t('涉密', 'Classified')}</Tag>}
        </Space>
      ),
    },
    { title: t('简称', 'Short name'), dataIndex: 'shortName', width: 180 },
    { title: t('处室', 'Departments'), dataIndex: 'departmentCount', align: 'right', width: 90 },
    { title: t('在职人数', 'Staff'), dataIndex: 'staffCount', align: 'right', width: 90 },
    {
      title: t('状态', 'Status'),
      dataIndex: 'active',
      width: 80,
      render: (v) => (v ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('停用', 'Inactive')}</Tag>),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space>
          <Link to={`/org/units/${r.id}/departments`}>{t('处室', 'Departments')}</Link>
          <Link to={`/org/staff?unitId=${r.id}`}>{t('人员', 'Staff')}</Link>
          {canWrite && <a onClick={() => setEditing(r)}>{t('修改', 'Edit')}</a>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('单位', 'Units')}
        subTitle={t('管委会及各委办局', 'The committee and its units')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setEditing('new')}>
              {t('新建单位', 'New unit')}
            </Button>
          )
        }
      />
      <ServerTable<UnitView>
        url="/api/units"
        columns={columns}
        search={t('单位名称或编码', 'Name or code')}
        defaultSort={{ sort: 'code', order: 'asc' }}
        filters={{ active }}
        toolbar={
          <Select
            style={{ width: 120 }}
            value={active ?? 'all'}
            onChange={(v) => setActive(v === 'all' ? undefined : v)}
            options={[
              { value: 'true', label: t('启用', 'Active') },
              { value: 'false', label: t('停用', 'Inactive') },
              { value: 'all', label: t('全部', 'All') },
            ]}
          />
        }
      />
      <UnitModal
        unit={editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void refresh('/api/units');
        }}
      />
    </>
  );
}

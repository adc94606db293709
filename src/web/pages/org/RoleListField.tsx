import { Button, Form, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { SYSTEM_ROLES, type Role } from '../../../shared/roles.ts';
import { useI18n } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { roleOptions } from './labels.ts';

/**
 * Role grants as form rows (`roles.N.role`, `roles.N.unitId`), so the server's field errors land on
 * the row they concern. A unit is asked for only where the role is held in one unit.
 */
export function RoleListField() {
  const { t } = useI18n();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('请选择角色', 'Select a role') }]}>
                <Select style={{ width: 170 }} options={roleOptions(t)} placeholder={t('角色', 'Role')} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const role = getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                  const system = role ? SYSTEM_ROLES.includes(role) : false;
                  return (
                    <Form.Item
                      name={[field.name, 'unitId']}
                      rules={[{ required: !system && !!role, message: t('请选择单位', 'Select a unit') }]}
                    >
                      <UnitSelect
                        style={{ width: 260 }}
                        disabled={system}
                        placeholder={system ? t('全系统', 'System-wide') : t('所在单位', 'Unit')}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('删除角色', 'Remove role')} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ role: undefined, unitId: null })} icon={<PlusOutlined />} autoInsertSpace={false}>
            {t('添加角色', 'Add role')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
